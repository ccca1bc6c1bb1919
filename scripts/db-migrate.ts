import { openDatabase } from './lib/database';

const { url, embedded } = await openDatabase();
console.log(`Migrations applied to ${url.replace(/:[^:@/]+@/, ':***@')}`);
await embedded?.stop();
