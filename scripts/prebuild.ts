import { prebuild } from './lib/prebuild';

// `npm run build`'s prebuild step: see lib/prebuild.ts.
const { stylesheet } = await prebuild();
console.log(`[prebuild] pdf.js worker copied; document stylesheet ${stylesheet}`);
