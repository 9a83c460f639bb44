/** Building a network on the canvas: palette drag and drop, connections, shapes, inspector, errors, undo/redo. */
import { describe, expect, test } from 'vitest';
import { defaultParams, edgeIdFor, formatShape } from '../../engine/model';
import { useDesigner } from './browser';
import { buildMlp, clickCommand, clickEmptyCanvas, connectNodes, dropLayer, expectCanvas, ModelSketch, newDocument, readCanvas, selectNode, setParam } from './designerPage';
import type { CanvasState } from './designerPage';

const designer = useDesigner();

describe('designer canvas', () => {
  test('New gives an empty canvas; Input, Dense and Output dragged in and wired show the shapes flowing through', async () => {
    const page = await designer.open();
    await newDocument(page);
    expect(await readCanvas(page)).toEqual({ nodes: {}, edges: {}, errors: [] });

    const { input, dense, output, sketch } = await buildMlp(page);
    await expectCanvas(page, sketch.expected());
    // The default MNIST-sized input flows into Dense, and Dense's default units flow on to Output.
    const canvas = await readCanvas(page);
    expect(canvas.edges[edgeIdFor(input, dense, 0)]).toBe(formatShape(defaultParams('Input').shape as number[]));
    expect(canvas.edges[edgeIdFor(dense, output, 0)]).toBe(formatShape([defaultParams('Dense').units as number]));

    await selectNode(page, dense);
    await setParam(page, 'units', '64');
    sketch.setParam(dense, 'units', 64);
    await expectCanvas(page, sketch.expected());

    await selectNode(page, input);
    await setParam(page, 'shape', '20');
    sketch.setParam(input, 'shape', [20]);
    await expectCanvas(page, sketch.expected());
  });

  test('an image input wired straight into Dense shows an error badge on Dense, and a fix clears it', async () => {
    const page = await designer.open();
    await newDocument(page);
    const { input, dense, sketch } = await buildMlp(page);

    await selectNode(page, input);
    await setParam(page, 'shape', '28, 28, 1');
    sketch.setParam(input, 'shape', [28, 28, 1]);
    const broken = sketch.expected();
    expect(broken.errors).toContain(dense);
    await expectCanvas(page, broken);
    await expect.poll(() => page.getByTestId(`node-error-${dense}`).getAttribute('title')).toMatch(/Flatten/);

    await setParam(page, 'shape', '784');
    sketch.setParam(input, 'shape', [784]);
    await expectCanvas(page, sketch.expected());
    expect(await page.getByTestId(`node-error-${dense}`).count()).toBe(0);
  });

  test('undo and redo step through every edit, from the keyboard and the toolbar', async () => {
    const page = await designer.open();
    await newDocument(page);
    await expect.poll(() => page.getByTestId('cmd-edit.undo').isDisabled()).toBe(true);

    // What the canvas shows after each edit, starting from the empty document.
    const sketch = new ModelSketch();
    const states: CanvasState[] = [sketch.expected()];
    const record = async () => {
      states.push(sketch.expected());
      await expectCanvas(page, states[states.length - 1]);
    };
    const input = await dropLayer(page, 'Input', { x: 140, y: 160 });
    sketch.addNode(input, 'Input');
    await record();
    const dense = await dropLayer(page, 'Dense', { x: 440, y: 160 });
    sketch.addNode(dense, 'Dense');
    await record();
    await connectNodes(page, input, dense);
    sketch.connect(input, dense);
    await record();
    await selectNode(page, dense);
    await setParam(page, 'units', '32');
    sketch.setParam(dense, 'units', 32);
    await record();

    // Alternate keyboard and toolbar all the way back to the empty canvas, then all the way forward.
    await clickEmptyCanvas(page);
    for (let step = states.length - 2; step >= 0; step--) {
      if (step % 2 === 0) await page.keyboard.press('Control+z');
      else await clickCommand(page, 'edit.undo');
      await expectCanvas(page, states[step]);
    }
    await expect.poll(() => page.getByTestId('cmd-edit.undo').isDisabled()).toBe(true);
    for (let step = 1; step < states.length; step++) {
      if (step % 2 === 0) await page.keyboard.press('Control+Shift+z');
      else await clickCommand(page, 'edit.redo');
      await expectCanvas(page, states[step]);
    }
    await expect.poll(() => page.getByTestId('cmd-edit.redo').isDisabled()).toBe(true);

    // Ctrl+Y is the other redo shortcut.
    await page.keyboard.press('Control+z');
    await expectCanvas(page, states[states.length - 2]);
    await page.keyboard.press('Control+y');
    await expectCanvas(page, states[states.length - 1]);
  });
});
