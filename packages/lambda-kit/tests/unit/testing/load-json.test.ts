import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { z } from 'zod';
import { loadJson } from '../../../src/testing/load-json';

describe('loadJson', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'vigil-load-json-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads plain and gzipped JSON', () => {
    // Prepare
    writeFileSync(path.join(dir, 'a.json'), '{"Records":[1,2]}');
    writeFileSync(path.join(dir, 'b.json.gz'), gzipSync('{"Records":[3]}'));

    // Act
    const plain = loadJson(path.join(dir, 'a.json'));
    const gzipped = loadJson(path.join(dir, 'b.json.gz'));

    // Assess
    expect(plain).toEqual({ Records: [1, 2] });
    expect(gzipped).toEqual({ Records: [3] });
  });

  it('parses with a schema when given one', () => {
    // Prepare
    writeFileSync(path.join(dir, 'a.json'), '{"Records":"nope"}');
    const Schema = z.object({ Records: z.array(z.number()) });

    // Act
    const load = () => loadJson(path.join(dir, 'a.json'), Schema);

    // Assess
    expect(load).toThrow(z.ZodError);
  });

  it('names the file when it is not JSON', () => {
    // Prepare
    const file = path.join(dir, 'broken.json');
    writeFileSync(file, '{');

    // Act
    const load = () => loadJson(file);

    // Assess
    expect(load).toThrow(`${file}: not valid JSON`);
  });
});
