// Where adapter tests and benches cache rendered routine PNGs: one folder under the system's temporary
// directory, shared by runs. Files are named by content hash and written atomically, so parallel test
// files share it safely and a second run renders nothing.
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const TEST_IMAGE_CACHE = join(tmpdir(), 'backbuddy-test-images');
