import { MemoryStore } from '../../../src/store/memory.js';
import { manualClock, storeContract, type StoreHarness } from './contract.js';

const clock = manualClock('2026-03-23T08:00:00Z');
let store = new MemoryStore(clock);
const harness: StoreHarness = {
  get store() {
    return store;
  },
  clock,
  reset: async () => void (store = new MemoryStore(clock)),
};
storeContract('MemoryStore', () => harness);
