import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crc32, zip } from '../../src/lib/write/zip.ts';

const hasUnzip = spawnSync('unzip', ['-v']).status === 0;

describe('zip (store only)', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
  });

  it('lays out local headers, data, central directory and end record', () => {
    const bytes = zip(
      [
        { name: 'a.md', data: 'héllo' },
        { name: 'b/c.yaml', data: '- id: x\n' },
      ],
      new Date(2026, 0, 2, 3, 4, 6),
    );
    const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const eocd = bytes.length - 22;
    expect(v.getUint32(eocd, true)).toBe(0x06054b50);
    expect(v.getUint16(eocd + 10, true)).toBe(2);
    let p = v.getUint32(eocd + 16, true);
    const dec = new TextDecoder();
    const seen: Record<string, string> = {};
    for (let i = 0; i < 2; i++) {
      expect(v.getUint32(p, true)).toBe(0x02014b50);
      const size = v.getUint32(p + 20, true);
      const nameLen = v.getUint16(p + 28, true);
      const local = v.getUint32(p + 42, true);
      const name = dec.decode(bytes.subarray(p + 46, p + 46 + nameLen));
      expect(v.getUint32(local, true)).toBe(0x04034b50);
      const start = local + 30 + v.getUint16(local + 26, true);
      const data = bytes.subarray(start, start + size);
      expect(crc32(data)).toBe(v.getUint32(p + 16, true));
      seen[name] = dec.decode(data);
      p += 46 + nameLen;
    }
    expect(seen).toEqual({ 'a.md': 'héllo', 'b/c.yaml': '- id: x\n' });
  });

  it.skipIf(!hasUnzip)('is read back byte for byte by unzip', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zip-test-'));
    try {
      const files = { 'x.md': '---\ntitle: "Ça va"\n---\nText\n', 'x.yaml': '# c\n- id: a\n' };
      writeFileSync(join(dir, 't.zip'), zip(Object.entries(files).map(([name, data]) => ({ name, data }))));
      const t = spawnSync('unzip', ['-t', join(dir, 't.zip')], { encoding: 'utf8' });
      expect(t.status, t.stdout + t.stderr).toBe(0);
      spawnSync('unzip', ['-o', '-d', join(dir, 'out'), join(dir, 't.zip')]);
      for (const [name, data] of Object.entries(files)) expect(readFileSync(join(dir, 'out', name), 'utf8')).toBe(data);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
