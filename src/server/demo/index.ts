// What other folders may use of the demo workspace.
export { DEMO_ORG_NAME, DEMO_PASSWORD } from './demo.data.ts';
export { seedDemoWorkspace, type DemoSeedOptions, type DemoSummary } from './demo.service.ts';
