// Preloaded (node -r) into an API process by the storage-fault test where the machine cannot make
// a small file system: LICENCES_TEST_FAULT_TRIGGER names the file whose presence fails writes.
import { failWritesWhile } from './storage-fault-injection';

const trigger = process.env['LICENCES_TEST_FAULT_TRIGGER'];
if (trigger) failWritesWhile(trigger);
