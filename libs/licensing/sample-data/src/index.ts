export * from './demo-plan';
export * from './demo-plan.types';
export * from './business-calendar';
export { DESTINATION_GROUPS, destinationOf } from './destinations.catalogue';
export type { DestinationGroup } from './destinations.catalogue';
export { importLineOf } from './imported-history';
export type { DemoOfficial, DemoRole } from './wording.catalogue';
