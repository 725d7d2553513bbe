// Opens each notebook named on the command line in a running Jupyter Notebook server (classic UI, at
// $JUPYTER_URL), clears it, runs all cells as a user's "Run All" does, and prints one line per notebook: code
// cells, outputs, and the first line of every cell error. Exit code 1 when any cell failed.
import { chromium } from 'playwright-core';

const server = process.env.JUPYTER_URL ?? 'http://127.0.0.1:8899';
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const screenshots = process.env.SCREENSHOTS;
let failures = 0;
for (const name of process.argv.slice(2)) {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const started = Date.now();
  await page.goto(`${server}/notebooks/${name}.ipynb`);
  await page.waitForFunction(() => window.Jupyter?.notebook?.kernel?.is_connected?.(), null, { timeout: 180000 });
  // Autosave off: the server must never write outputs back into the notebook files.
  await page.evaluate(() => {
    Jupyter.notebook.set_autosave_interval(0);
    Jupyter.notebook.clear_all_output();
    Jupyter.notebook.execute_all_cells();
  });
  await page.waitForFunction(
    () => !Jupyter.notebook.kernel_busy &&
      Jupyter.notebook.get_cells().filter(cell => cell.cell_type === 'code').every(cell => typeof cell.input_prompt_number === 'number'),
    null,
    { timeout: 600000, polling: 1000 });
  const report = await page.evaluate(() => {
    const code = Jupyter.notebook.get_cells().filter(cell => cell.cell_type === 'code');
    return {
      cells: code.length,
      outputs: code.reduce((count, cell) => count + cell.output_area.outputs.length, 0),
      errors: code.flatMap(cell => cell.output_area.outputs.filter(output => output.output_type === 'error').map(output => output.evalue.split('\n')[0])),
    };
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  console.log(`${name}: ${report.cells} code cells, ${report.outputs} outputs, ${report.errors.length} cell errors, ${seconds} s${report.errors.map(error => `\n  ${error}`).join('')}`);
  failures += report.errors.length;
  if (screenshots) {
    await page.screenshot({ path: `${screenshots}/${name}.png` });
  }
  await page.evaluate(() => Jupyter.notebook.kernel.kill());
  await page.close();
}
await browser.close();
process.exit(failures ? 1 : 0);
