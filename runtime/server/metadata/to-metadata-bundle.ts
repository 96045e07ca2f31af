import type { MetadataDoc } from '../../core/metadata/types.ts';
import type { MetadataBundle } from './types.ts';

/** A whole app's documents as one portable JSON bundle (`atrium metadata export`). */
export function toMetadataBundle(documents: readonly MetadataDoc[]): MetadataBundle {
  return { format: 'atrium-metadata', version: 1, documents: structuredClone([...documents]) };
}
