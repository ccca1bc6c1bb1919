// The schema entry for drizzle-kit and the drizzle client (one file per aggregate beside it).
export * from './enums';
export * from './people';
export * from './auth';
export * from './loans';
export * from './cases';
export * from './files';
export * from './offers';
export * from './agreements';
export * from './plans';
export * from './notifications';
export * from './audit';
export * from './litigation';
export * from './relations';
export * from './imports';
export * from './messaging';
