export * from './iso-3166-alpha2';
export * from './country-groups';
