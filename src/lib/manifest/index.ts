// Manifest reading (`-f FILE|DIR|-`) with calicoctl's document rules; see read.ts and decode.ts.
export {readManifests, walkManifestFiles, type ReadOptions} from './read.js';
export {decodeDocument, ManifestError} from './decode.js';
export {splitDocuments, DocumentSplitter, MAX_DOCUMENT_BYTES} from './split.js';
export type {FieldPath, ManifestRecord} from './types.js';
