// Vendors onnxruntime-web's single-threaded WebAssembly build into docs/demo/vendor/ so that the demo page opens from
// disk (file://), where browsers refuse module scripts and fetch: the ES-module bundle becomes a classic script that
// sets window.ort, and the .wasm binary travels gzipped and base64-encoded in a classic script
// (window.ORT_WASM_GZIP_BASE64), handed to ONNX Runtime as env.wasm.wasmBinary. Run by tools/demo/build.sh.
// Usage: node vendor-onnxruntime-web.mjs PACKAGE_FOLDER OUT_FOLDER
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const [packageFolder, outFolder] = process.argv.slice(2);
const dist = path.join(packageFolder, 'dist');
const version = JSON.parse(fs.readFileSync(path.join(packageFolder, 'package.json'), 'utf8')).version;
let bundle = fs.readFileSync(path.join(dist, 'ort.wasm.bundle.min.mjs'), 'utf8');
const exported = bundle.match(/export\{([^}]*)\};?\s*(\/\/# sourceMappingURL=.*)?\s*$/);
if (!exported) {
  throw new Error('the bundle no longer ends with one export statement: check the vendoring against this version');
}
const names = exported[1].split(',').map(pair => pair.trim().split(/\s+as\s+/)).map(([local, name]) => `${JSON.stringify(name)}:${local}`);
bundle = bundle.slice(0, exported.index).replaceAll('import.meta.url', '__ortBase');
const classic = `/*! onnxruntime-web ${version} (MIT, Microsoft Corporation): ort.wasm.bundle.min.mjs as a classic script for file:// pages */\n`
  + `(function(){var __ortBase=document.baseURI;\n${bundle}\nwindow.ort={${names.join(',')}};})();\n`;
fs.mkdirSync(outFolder, { recursive: true });
fs.writeFileSync(path.join(outFolder, 'ort.wasm.classic.js'), classic);
const wasm = zlib.gzipSync(fs.readFileSync(path.join(dist, 'ort-wasm-simd-threaded.wasm')), { level: 9 });
fs.writeFileSync(path.join(outFolder, 'ort-wasm.gzip.base64.js'),
  `/*! onnxruntime-web ${version} (MIT): ort-wasm-simd-threaded.wasm, gzip, base64 */\nwindow.ORT_WASM_GZIP_BASE64="${wasm.toString('base64')}";\n`);
// The npm package declares "license": "MIT" and ships no licence file; this is the MIT licence of microsoft/onnxruntime.
fs.writeFileSync(path.join(outFolder, 'LICENSE-onnxruntime-web.txt'), `onnxruntime-web ${version} (npm), vendored by tools/demo/vendor-onnxruntime-web.mjs

MIT License

Copyright (c) Microsoft Corporation

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
`);
console.log(`onnxruntime-web ${version}: ${classic.length} bytes of script, ${wasm.length} bytes of gzipped wasm`);
