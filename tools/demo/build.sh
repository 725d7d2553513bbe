#!/usr/bin/env bash
# Rebuilds docs/demo/'s data and vendored runtime: onnxruntime-web from npm, a conv autoencoder with a 2-value code
# trained on the embedded digits and exported as ONNX, and digits to pick. Needs node, npm and the .NET SDK; takes
# about a minute. The page itself (docs/demo/index.html, demo.js) is written by hand.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent onnxruntime-web@1.30.0 >/dev/null && tar xzf onnxruntime-web-1.30.0.tgz)
node tools/demo/vendor-onnxruntime-web.mjs "$work/package" docs/demo/vendor
cli=(dotnet run --project cli -c Release --)
"${cli[@]}" train --dataset digits --model conv --latent 2 --epochs 8 --score mse --seed 1 --threads 1 --out "$work/train" >/dev/null
"${cli[@]}" export --checkpoint "$work/train" --format onnx --out "$work/digits.onnx"
node tools/demo/pack-demo-data.mjs "$work/digits.onnx" data/digits/digits-images-idx3-ubyte.gz data/digits/digits-labels-idx1-ubyte.gz 400 docs/demo
