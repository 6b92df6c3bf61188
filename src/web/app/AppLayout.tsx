import {
  Anchor,
  AppShell,
  Avatar,
  Box,
  Burger,
  Drawer,
  Group,
  Menu,
  NavLink,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import {
  IconAddressBook,
  IconBooks,
  IconBuildingSkyscraper,
  IconChevronDown,
  IconKey,
  IconLogout,
  IconShieldLock,
  IconChartBar,
  IconPresentation,
  IconScale,
  IconTargetArrow,
  IconHome,
  IconSchool,
  IconStairsUp,
} from '@tabler/icons-react';
import { useEffect } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { InboxBell } from '../features/inbox/InboxBell.tsx';
import { initialsOf } from '../shared/format.ts';
import { ROLE_LABELS } from '../shared/labels.ts';
import { messageOf } from './api.ts';
import { useAuth, useCurrentUser } from './auth.tsx';
import { Logo } from './Logo.tsx';
import { preloadPages } from './pages.ts';

const NAV = [
  { to: '/home', label: 'Home', icon: IconHome, adminOnly: false },
  { to: '/review', label: 'Pipeline review', icon: IconPresentation, adminOnly: false },
  { to: '/forecast', label: 'Forecast', icon: IconChartBar, adminOnly: false },
  { to: '/win-loss', label: 'Win/loss', icon: IconScale, adminOnly: false },
  { to: '/coaching', label: 'Coaching', icon: IconSchool, adminOnly: false },
  { to: '/opportunities', label: 'Opportunities', icon: IconTargetArrow, adminOnly: false },
  { to: '/accounts', label: 'Accounts', icon: IconBuildingSkyscraper, adminOnly: false },
  { to: '/contacts', label: 'Contacts', icon: IconAddressBook, adminOnly: false },
  { to: '/development', label: 'My development', icon: IconStairsUp, adminOnly: false },
  { to: '/learning', label: 'Learning', icon: IconBooks, adminOnly: false },
  { to: '/admin', label: 'Admin', icon: IconShieldLock, adminOnly: true },
] as const;

/** Header, navigation and the page. On narrow screens the navigation folds behind a menu button. */
export function AppLayout() {
  const user = useCurrentUser();
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();

  useEffect(() => {
    close();
  }, [location.pathname, close]);

  useEffect(() => {
    const idle = window.setTimeout(preloadPages, 300);
    return () => window.clearTimeout(idle);
  }, []);

  return (
    <AppShell
      header={{ height: 60 }}
      // below the breakpoint the navigation lives in a drawer instead (see MainNavigation)
      navbar={{ width: 232, breakpoint: 'md', collapsed: { mobile: true } }}
      padding={{ base: 'md', md: 'xl' }}
    >
      <AppShell.Header>
        <Anchor href="#main" className="skip-link">
          Skip to content
        </Anchor>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="md"
              size="sm"
              aria-label={opened ? 'Close navigation' : 'Open navigation'}
            />
            <Link to="/" className="plain-link" aria-label="Winsight home">
              <Logo />
            </Link>
            <Box visibleFrom="xs" h={24} style={{ borderLeft: '1px solid var(--mantine-color-gray-3)' }} />
            <Text size="sm" c="dimmed" fw={500} truncate visibleFrom="xs" data-testid="org-name">
              {user.orgName}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <InboxBell />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm">
        <MainNavigation />
      </AppShell.Navbar>
      <Drawer opened={opened} onClose={close} size={280} padding="sm" title={<Logo size={24} />} hiddenFrom="md">
        <MainNavigation />
      </Drawer>

      <AppShell.Main id="main" tabIndex={-1} style={{ outline: 'none' }}>
        <Box maw={1440} mx="auto">
          <Outlet />
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}

function MainNavigation() {
  const user = useCurrentUser();
  const location = useLocation();
  return (
    <Stack gap={4} component="nav" aria-label="Main navigation">
      {NAV.filter((item) => !item.adminOnly || user.role === 'admin').map((item) => {
        const active = location.pathname === item.to || location.pathname.startsWith(`${item.to}/`);
        return (
          <NavLink
            key={item.to}
            component={Link}
            to={item.to}
            label={item.label}
            leftSection={<item.icon size={19} stroke={1.6} />}
            active={active}
            aria-current={active ? 'page' : undefined}
            fw={500}
            style={{ borderRadius: 'var(--mantine-radius-md)' }}
          />
        );
      })}
    </Stack>
  );
}

function UserMenu() {
  const user = useCurrentUser();
  const { signOut } = useAuth();
  const handleSignOut = async () => {
    try {
      await signOut();
    } catch (error) {
      notifications.show({ color: 'red', title: 'Could not sign out', message: messageOf(error) });
    }
  };
  return (
    <Menu position="bottom-end" width={240} shadow="md">
      <Menu.Target>
        <UnstyledButton aria-label={`Account menu for ${user.name}`} data-testid="user-menu">
          <Group gap="xs" wrap="nowrap">
            <Avatar color="brand" radius="xl" size={34}>
              {initialsOf(user.name)}
            </Avatar>
            <Box visibleFrom="sm" style={{ lineHeight: 1.2 }}>
              <Text size="sm" fw={600}>
                {user.name}
              </Text>
              <Text size="xs" c="dimmed">
                {ROLE_LABELS[user.role]}
              </Text>
            </Box>
            <IconChevronDown size={14} stroke={1.75} />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{user.email}</Menu.Label>
        <Menu.Item component={Link} to="/settings/tokens" leftSection={<IconKey size={16} stroke={1.6} />}>
          API tokens
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item onClick={() => void handleSignOut()} leftSection={<IconLogout size={16} stroke={1.6} />}>
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
