// SPDX-License-Identifier: Apache-2.0
// The reference for `wit-c embed`: the pinned jco (wasm-tools' wit-component compiled to a
// component, run in node) driven through its library API, one node process for a whole corpus.
//
// Reads jobs from standard input, one per line, tab-separated:
//   embed <TAB> WIT-PATH <TAB> WORLD <TAB> ENCODING <TAB> CORE.wasm <TAB> OURS.wasm
// embeds WORLD of WIT-PATH into CORE.wasm with jco's componentEmbed, takes the payload of the
// `component-type*` custom section it appended and the one in OURS.wasm, drops the `producers`
// custom section from both (it names only the tool version) and prints one line per job:
//   same | differs: <reason> | error: <jco's message>
// and for
//   new <TAB> CORE.wasm
// (a module made by `wit-c embed --dummy`) runs jco's componentNew, which checks every core
// import and export against the embedded world's canonical-ABI signatures, and prints
//   ok | error: <jco's message>
// jco's WASI filesystem sees the host's `/` (the CLI would need explicit preopens).
import { componentEmbed, componentNew } from '@bytecodealliance/jco';
import { _addPreopen } from './node_modules/@bytecodealliance/jco-transpile/node_modules/@bytecodealliance/preview2-shim/dist/nodejs/filesystem.js';
import { readFileSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

_addPreopen('/', '/');

function readU32(bytes, pos) {
  let value = 0;
  let shift = 0;
  for (;;) {
    if (pos.at >= bytes.length) throw new Error('unexpected end');
    const b = bytes[pos.at++];
    value += (b & 0x7f) * 2 ** shift;
    if (!(b & 0x80)) return value;
    shift += 7;
    if (shift > 28) throw new Error('leb too long');
  }
}

// The sections of a module or component after the 8-byte preamble: {id, name, start, end}
// where start..end is the whole section (id byte included) and payload the custom contents.
function sections(bytes) {
  const out = [];
  const pos = { at: 8 };
  while (pos.at < bytes.length) {
    const start = pos.at;
    const id = bytes[pos.at++];
    const size = readU32(bytes, pos);
    const body = pos.at;
    const end = body + size;
    if (end > bytes.length) throw new Error('section out of bounds');
    let name = null;
    let payload = null;
    if (id === 0) {
      const len = readU32(bytes, pos);
      name = Buffer.from(bytes.subarray(pos.at, pos.at + len)).toString('utf8');
      payload = bytes.subarray(pos.at + len, end);
    }
    out.push({ id, name, start, end, payload });
    pos.at = end;
  }
  return out;
}

// The last component-type* section's payload, without its producers section.
function metadata(bytes) {
  const found = sections(bytes).filter((s) => s.id === 0 && s.name.startsWith('component-type'));
  if (found.length === 0) throw new Error('no component-type section');
  const payload = found[found.length - 1].payload;
  const parts = [payload.subarray(0, 8)];
  for (const s of sections(payload)) {
    if (!(s.id === 0 && s.name === 'producers')) parts.push(payload.subarray(s.start, s.end));
  }
  return Buffer.concat(parts);
}

async function job(fields) {
  if (fields[0] === 'new' && fields.length === 2) {
    try {
      await componentNew(readFileSync(fields[1]));
      return 'ok';
    } catch (e) {
      return `error: ${String(e.message || e).split('\n')[0]}`;
    }
  }
  const [kind, wit, world, encoding, core, ours] = fields;
  if (kind !== 'embed' || fields.length !== 6) return `error: bad job line`;
  let theirs;
  try {
    const out = await componentEmbed({
      binary: readFileSync(core),
      // jco's WASI filesystem does not follow symlinks out of a preopen: give it the real path.
      witPath: realpathSync(resolve(wit)),
      world: world || undefined,
      stringEncoding: encoding || 'utf8',
    });
    theirs = metadata(out);
  } catch (e) {
    return `error: ${String(e.message || e).split('\n')[0]}`;
  }
  let mine;
  try {
    mine = metadata(readFileSync(ours));
  } catch (e) {
    return `differs: ours unreadable (${e.message})`;
  }
  if (Buffer.compare(theirs, mine) === 0) return 'same';
  let i = 0;
  while (i < theirs.length && i < mine.length && theirs[i] === mine[i]) i++;
  return `differs: first difference at payload byte ${i} (oracle ${theirs.length} bytes, ours ${mine.length})`;
}

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (!line) continue;
  process.stdout.write((await job(line.split('\t'))) + '\n');
}
