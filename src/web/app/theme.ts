import { createTheme, type MantineColorsTuple } from '@mantine/core';

// A calm, deep blue as the brand colour; everything else stays neutral.
const brand: MantineColorsTuple = [
  '#edf2ff',
  '#dbe4ff',
  '#bac8ff',
  '#91a7ff',
  '#748ffc',
  '#5c7cfa',
  '#4c6ef5',
  '#3b5bdb',
  '#364fc7',
  '#2b3f9e',
];

export const theme = createTheme({
  primaryColor: 'brand',
  primaryShade: 7,
  colors: { brand },
  defaultRadius: 'md',
  fontFamily: 'Inter, ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
  cursorType: 'pointer',
  components: {
    Paper: { defaultProps: { withBorder: true, radius: 'md' } },
    Badge: {
      defaultProps: { radius: 'sm', variant: 'light' },
      styles: {
        root: { textTransform: 'none', fontWeight: 600, letterSpacing: 0, overflow: 'visible' },
        label: { overflow: 'visible' },
      },
    },
    Tooltip: { defaultProps: { withArrow: true, openDelay: 300 } },
    // Tabbing through a form should not pop a list open at every searchable field.
    Select: { defaultProps: { openOnFocus: false } },
    Modal: { styles: { title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } } },
    // A wide table on a tablet shows its scrollbar whenever it overflows: touch screens never hover,
    // so the default (shown on hover) left a clipped table with no sign that it scrolls.
    TableScrollContainer: { defaultProps: { scrollAreaProps: { type: 'auto', offsetScrollbars: 'x' } } },
  },
});
