// The demo page: loads the detector into ONNX Runtime Web from the classic scripts beside it (a page opened from disk
// may not fetch), scores what is drawn or picked, and shows the reconstruction, the score against the threshold and
// the code in the latent plane. ?digit=N picks digit N on load (the tests use it).
'use strict';
(async function () {
  const size = 28;
  const status = document.getElementById('status');
  const colours = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

  function bytesOf(base64) {
    const text = atob(base64);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    return bytes;
  }

  async function gunzip(bytes) {
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  }

  try {
    ort.env.wasm.wasmBinary = await gunzip(bytesOf(window.ORT_WASM_GZIP_BASE64));
    ort.env.wasm.numThreads = 1;
    ort.env.wasm.proxy = false;
    const session = await ort.InferenceSession.create(bytesOf(window.DEMO_DETECTOR), { executionProviders: ['wasm'] });
    const threshold = window.DEMO_DESCRIPTION.threshold;
    document.getElementById('threshold').textContent = `${threshold.value.toPrecision(4)} (${threshold.name})`;

    const digits = window.DEMO_DIGITS;
    const pixels = bytesOf(digits.pixels);
    const count = digits.labels.length;
    const digit = i => Float32Array.from(pixels.subarray(i * size * size, (i + 1) * size * size), value => value / 255);

    async function run(images, n) {
      const input = new ort.Tensor('float32', images, [n, 1, size, size]);
      return session.run({ input });
    }

    // The plane: every packed digit's code, computed here by the same file.
    const all = new Float32Array(count * size * size);
    for (let i = 0; i < count; i++) all.set(digit(i), i * size * size);
    const codes = (await run(all, count)).code.data;
    const xs = [], ys = [];
    for (let i = 0; i < count; i++) { xs.push(codes[2 * i]); ys.push(codes[2 * i + 1]); }
    const pad = 0.1;
    const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const spanX = (maxX - minX) || 1, spanY = (maxY - minY) || 1;
    const plane = document.getElementById('plane').getContext('2d');
    const toPlane = (x, y) => [280 * (pad + (1 - 2 * pad) * (x - minX) / spanX), 280 * (1 - pad - (1 - 2 * pad) * (y - minY) / spanY)];

    function drawPlane(code) {
      plane.fillStyle = '#fff';
      plane.fillRect(0, 0, 280, 280);
      for (let i = 0; i < count; i++) {
        const [px, py] = toPlane(xs[i], ys[i]);
        plane.fillStyle = colours[digits.labels[i] % 10];
        plane.fillRect(px - 1.5, py - 1.5, 3, 3);
      }
      if (code) {
        const [px, py] = toPlane(code[0], code[1]);
        plane.strokeStyle = '#000';
        plane.lineWidth = 2;
        plane.beginPath();
        plane.moveTo(px - 8, py); plane.lineTo(px + 8, py); plane.moveTo(px, py - 8); plane.lineTo(px, py + 8);
        plane.stroke();
      }
    }

    function drawImage(canvas, values) {
      const small = document.createElement('canvas');
      small.width = small.height = size;
      const context = small.getContext('2d');
      const image = context.createImageData(size, size);
      for (let i = 0; i < size * size; i++) {
        const grey = Math.max(0, Math.min(255, Math.round(values[i] * 255)));
        image.data.set([grey, grey, grey, 255], 4 * i);
      }
      context.putImageData(image, 0, 0);
      const target = canvas.getContext('2d');
      target.imageSmoothingEnabled = false;
      target.drawImage(small, 0, 0, canvas.width, canvas.height);
    }

    async function score(values) {
      const result = await run(values, 1);
      const value = result.score.data[0];
      const anomaly = Boolean(result.anomaly.data[0]);
      const output = document.getElementById('score');
      output.textContent = value.toPrecision(4);
      output.dataset.score = String(value);
      const verdict = document.getElementById('verdict');
      verdict.textContent = anomaly ? 'an anomaly' : 'normal';
      verdict.className = anomaly ? 'anomaly' : 'normal';
      drawImage(document.getElementById('reconstruction'), result.reconstruction.data);
      drawPlane(result.code.data);
      document.body.dataset.state = 'scored';
    }

    // Drawing: white strokes on black at 10× the model's size, averaged down to 28×28 in [0, 1].
    const draw = document.getElementById('draw');
    const pen = draw.getContext('2d');
    const clear = () => { pen.fillStyle = '#000'; pen.fillRect(0, 0, 280, 280); };
    clear();
    let drawing = false, last = null;
    function fromCanvas() {
      const small = document.createElement('canvas');
      small.width = small.height = size;
      const context = small.getContext('2d');
      context.drawImage(draw, 0, 0, size, size);
      const data = context.getImageData(0, 0, size, size).data;
      return Float32Array.from({ length: size * size }, (_, i) => data[4 * i] / 255);
    }
    draw.addEventListener('pointerdown', event => { drawing = true; last = [event.offsetX, event.offsetY]; draw.setPointerCapture(event.pointerId); });
    draw.addEventListener('pointermove', event => {
      if (!drawing) return;
      pen.strokeStyle = '#fff'; pen.lineWidth = 22; pen.lineCap = 'round';
      pen.beginPath(); pen.moveTo(...last); pen.lineTo(event.offsetX, event.offsetY); pen.stroke();
      last = [event.offsetX, event.offsetY];
    });
    draw.addEventListener('pointerup', () => { drawing = false; score(fromCanvas()); });
    document.getElementById('clear').addEventListener('click', () => { clear(); score(fromCanvas()); });

    async function pick(i) {
      const values = digit(i);
      drawImage(draw, values);
      await score(values);
      document.getElementById('status').textContent = `Digit ${i} of the packed set (a ${digits.labels[i]}, image ${digits.indices[i]} of data/digits).`;
    }

    const picks = document.getElementById('picks');
    // Three digits of each class (the data file is sorted by class).
    const choices = [];
    for (let label = 0; label < 10; label++) {
      choices.push(...digits.labels.map((value, i) => [value, i]).filter(([value]) => value === label).slice(0, 3).map(([, i]) => i));
    }
    for (const i of choices) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = `${digits.labels[i]}`;
      button.title = `digit ${i}`;
      button.addEventListener('click', () => pick(i));
      picks.appendChild(button);
    }

    drawPlane(null);
    status.textContent = 'Ready: draw a digit or pick one.';
    const asked = Number.parseInt(new URLSearchParams(location.search).get('digit') ?? '', 10);
    await pick(Number.isInteger(asked) && asked >= 0 && asked < count ? asked : 0);
  } catch (error) {
    status.textContent = `The detector could not run here: ${error}`;
    document.body.dataset.state = 'failed';
  }
})();
