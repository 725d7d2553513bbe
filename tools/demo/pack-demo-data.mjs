// Writes the demo page's data as classic scripts (docs/demo/detector.js, docs/demo/digits.js), which a page opened from
// disk can load where fetch is refused: the exported detector (base64) and digits of the embedded data set with their
// labels (one byte per pixel, as the IDX file holds them). Run by tools/demo/build.sh.
// Usage: node pack-demo-data.mjs DETECTOR.onnx IMAGES.idx3-ubyte.gz LABELS.idx1-ubyte.gz COUNT OUT_FOLDER
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const [detector, imagesPath, labelsPath, countText, outFolder] = process.argv.slice(2);
const count = Number(countText);
const images = zlib.gunzipSync(fs.readFileSync(imagesPath));
const labels = zlib.gunzipSync(fs.readFileSync(labelsPath));
const [total, rows, columns] = [images.readUInt32BE(4), images.readUInt32BE(8), images.readUInt32BE(12)];
if (images.readUInt32BE(0) !== 2051 || labels.readUInt32BE(0) !== 2049 || count > total) {
  throw new Error('not an IDX image file and its labels, or fewer images than asked for');
}
// Images evenly spread over the file, from its end: the same every run.
const picked = Array.from({ length: count }, (_, i) => total - 1 - Math.floor(i * total / count));
const pixels = Buffer.concat(picked.map(index => images.subarray(16 + index * rows * columns, 16 + (index + 1) * rows * columns)));
fs.writeFileSync(path.join(outFolder, 'digits.js'),
  `// ${count} digits of data/digits (MNIST, CC BY-SA 3.0: data/README.md), ${rows}x${columns} bytes each, and their labels.\n`
  + `window.DEMO_DIGITS={rows:${rows},columns:${columns},indices:${JSON.stringify(picked)},labels:${JSON.stringify(picked.map(index => labels[8 + index]))},pixels:"${pixels.toString('base64')}"};\n`);
// The detector's description (metadata "autoencoders.detector", JSON stored as text inside the protobuf): the page
// shows its threshold and rule. onnxruntime-web does not expose custom metadata.
const bytes = fs.readFileSync(detector);
const text = bytes.toString('latin1');
const start = text.lastIndexOf('{', text.indexOf('"formatVersion"'));
let depth = 0, end = start, inString = false;
for (; end < text.length; end++) {
  const c = text[end];
  if (inString) { if (c === '\\') end++; else if (c === '"') inString = false; }
  else if (c === '"') inString = true;
  else if (c === '{') depth++;
  else if (c === '}' && --depth === 0) break;
}
const description = JSON.parse(bytes.subarray(start, end + 1).toString('utf8'));
fs.writeFileSync(path.join(outFolder, 'detector.js'),
  `// The digits detector exported by 'autoencoders export --format onnx' (tools/demo/build.sh), base64, and its description.\n`
  + `window.DEMO_DESCRIPTION=${JSON.stringify({ score: description.score, threshold: description.threshold, sampleShape: description.sampleShape, latentSize: description.latentSize, model: description.model.kind })};\n`
  + `window.DEMO_DETECTOR="${bytes.toString('base64')}";\n`);
console.log(`packed ${count} digits and a ${fs.statSync(detector).size}-byte detector`);
