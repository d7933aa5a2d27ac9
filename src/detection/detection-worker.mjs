// Entry of a detection worker thread (detection-pool.ts). Workers do not get the loader the
// parent registered through tsx's API (bin/barometre.js): register it, then load the sources.
import { register } from 'tsx/esm/api';

register();
await import('./detection-worker.ts');
