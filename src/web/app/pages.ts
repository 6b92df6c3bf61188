// Each page is its own chunk, fetched in the background once the shell is up (preloadPages),
// so moving between pages never waits on the network for code.
export const PAGES = {
  home: () => import('../features/home/HomePage.tsx').then((m) => ({ default: m.HomePage })),
  opportunityList: () =>
    import('../features/opportunities/OpportunityListPage.tsx').then((m) => ({ default: m.OpportunityListPage })),
  opportunity: () =>
    import('../features/opportunities/OpportunityPage.tsx').then((m) => ({ default: m.OpportunityPage })),
  accountList: () => import('../features/accounts/AccountListPage.tsx').then((m) => ({ default: m.AccountListPage })),
  account: () => import('../features/accounts/AccountPage.tsx').then((m) => ({ default: m.AccountPage })),
  contactList: () => import('../features/contacts/ContactListPage.tsx').then((m) => ({ default: m.ContactListPage })),
  contact: () => import('../features/contacts/ContactPage.tsx').then((m) => ({ default: m.ContactPage })),
  admin: () => import('../features/admin/AdminPage.tsx').then((m) => ({ default: m.AdminPage })),
  review: () => import('../features/review/ReviewPage.tsx').then((m) => ({ default: m.ReviewPage })),
  forecast: () => import('../features/forecast/ForecastPage.tsx').then((m) => ({ default: m.ForecastPage })),
  winLoss: () => import('../features/win-loss/WinLossPage.tsx').then((m) => ({ default: m.WinLossPage })),
  coaching: () => import('../features/coaching/CoachingPage.tsx').then((m) => ({ default: m.CoachingPage })),
  scorecard: () => import('../features/coaching/ScorecardPage.tsx').then((m) => ({ default: m.ScorecardPage })),
  diagnosis: () => import('../features/coaching/DiagnosisPage.tsx').then((m) => ({ default: m.DiagnosisPage })),
  development: () => import('../features/coaching/DevelopmentPage.tsx').then((m) => ({ default: m.DevelopmentPage })),
  assignment: () => import('../features/coaching/AssignmentPage.tsx').then((m) => ({ default: m.AssignmentPage })),
  learning: () => import('../features/coaching/LearningPage.tsx').then((m) => ({ default: m.LearningPage })),
  inbox: () => import('../features/inbox/InboxPage.tsx').then((m) => ({ default: m.InboxPage })),
  tokens: () => import('../features/settings/TokensPage.tsx').then((m) => ({ default: m.TokensPage })),
};

export function preloadPages(): void {
  for (const load of Object.values(PAGES)) void load();
}
