/**
 * Reads a zip archive (what `serverless package` writes per function): its entries from the central directory, and
 * each entry's bytes (stored or deflated, the two methods zip tools write). No zip64: a Lambda zip is far below 4 GiB.
 */
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  compressedSize: number;
  size: number;
  method: number;
  localHeaderOffset: number;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;

export class ZipArchive {
  readonly entries: ZipEntry[];

  constructor(private readonly bytes: Buffer) {
    this.entries = ZipArchive.centralDirectory(bytes);
  }

  static read(file: string): ZipArchive {
    return new ZipArchive(readFileSync(file));
  }

  /** The archive's own size. */
  get bytesLength(): number {
    return this.bytes.length;
  }

  /** The sum of the entries' uncompressed sizes. */
  get unzippedSize(): number {
    return this.entries.reduce((sum, entry) => sum + entry.size, 0);
  }

  contentOf(entry: ZipEntry): Buffer {
    const header = entry.localHeaderOffset;
    const start = header + 30 + this.bytes.readUInt16LE(header + 26) + this.bytes.readUInt16LE(header + 28);
    const data = this.bytes.subarray(start, start + entry.compressedSize);
    if (entry.method === 0) return Buffer.from(data);
    if (entry.method === 8) return inflateRawSync(data);
    throw new Error(`${entry.name}: unsupported zip method ${entry.method}`);
  }

  private static centralDirectory(bytes: Buffer): ZipEntry[] {
    let end = bytes.length - 22;
    while (end >= 0 && bytes.readUInt32LE(end) !== END_OF_CENTRAL_DIRECTORY) end -= 1;
    if (end < 0) throw new Error('not a zip archive (no end of central directory)');
    const count = bytes.readUInt16LE(end + 10);
    let offset = bytes.readUInt32LE(end + 16);
    const entries: ZipEntry[] = [];
    for (let index = 0; index < count; index += 1) {
      if (bytes.readUInt32LE(offset) !== CENTRAL_DIRECTORY_ENTRY) throw new Error(`corrupt central directory at ${offset}`);
      const nameLength = bytes.readUInt16LE(offset + 28);
      entries.push({
        method: bytes.readUInt16LE(offset + 10),
        compressedSize: bytes.readUInt32LE(offset + 20),
        size: bytes.readUInt32LE(offset + 24),
        localHeaderOffset: bytes.readUInt32LE(offset + 42),
        name: bytes.toString('utf8', offset + 46, offset + 46 + nameLength),
      });
      offset += 46 + nameLength + bytes.readUInt16LE(offset + 30) + bytes.readUInt16LE(offset + 32);
    }
    return entries;
  }
}
