/** Vitest global setup: every temporary file of a test run (the tests' own, the server's file stores
 * and PDF conversions, LibreOffice's and Chromium's) goes under one directory, removed when the run
 * ends, whatever a test forgot or a failure left behind. Workers and the processes they start
 * inherit TMPDIR, which os.tmpdir() reads on each call. Tests still remove what they make (helpers'
 * tempDir): this is the net under them. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default function setup(): () => void {
  const previous = process.env.TMPDIR;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-test-run-'));
  process.env.TMPDIR = root;
  return () => {
    fs.rmSync(root, { recursive: true, force: true });
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  };
}
