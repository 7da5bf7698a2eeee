// Marking what the safe copy covers, by hand: draw a rectangle or paint with a brush over anything
// the checks missed, move or resize an area (a detected one too), choose a solid cover or coarse
// squares, and undo. Everything drawn goes into the same copy pipeline as the detected areas, and
// the copy is checked again like the rest. With the keyboard: "Add a rectangle" puts one in the
// middle; the arrow keys move the selected area, Shift+arrows resize it, Delete removes it, and
// Ctrl+Z undoes. Coordinates are in pixels of the upright picture (the SVG's viewBox).
import { useRef, useState } from 'react';
import type { PreviewResult } from '../../shared/api/contract.js';
import type { Box } from '../../shared/boxes.js';
import { boxCover, coverBounds, type CoverArea, type CoverMode } from '../../shared/cover.js';
import { Segmented } from './Segmented.js';

/** One area on the editor: a detected finding's (maybe moved) or one the user drew. */
export interface EditableArea {
  /** `finding:<id>` or `drawn:<n>`. */
  key: string;
  area: CoverArea;
  label: string;
}

export type CoverTool = 'select' | 'rectangle' | 'brush';

interface Props {
  fileName: string;
  preview: PreviewResult;
  areas: EditableArea[];
  mode: CoverMode;
  canUndo: boolean;
  /** A finding's area moved or resized. */
  onMove(key: string, box: Box): void;
  onDraw(area: CoverArea): void;
  onRemove(key: string): void;
  onMode(mode: CoverMode): void;
  onUndo(): void;
  onDone(): void;
}

const TOOLS: Array<[CoverTool, string]> = [
  ['rectangle', 'Rectangle'],
  ['brush', 'Brush'],
  ['select', 'Move or resize'],
];

const MODES: Array<[CoverMode, string]> = [
  ['fill', 'Solid cover'],
  ['pixelate', 'Coarse squares'],
];

type Drag =
  | { kind: 'rect'; x0: number; y0: number; x1: number; y1: number }
  | { kind: 'brush'; points: Array<[number, number]> }
  | { kind: 'move'; key: string; start: [number, number]; box: Box; resize: boolean };

function normal(x0: number, y0: number, x1: number, y1: number): Box {
  return [Math.min(x0, x1), Math.min(y0, y1), Math.abs(x1 - x0), Math.abs(y1 - y0)];
}

export function CoverEditor({ fileName: name, preview, areas, mode, canUndo, onMove, onDraw, onRemove, onMode, onUndo, onDone }: Props) {
  const svgRef = useRef<SVGSVGElement>(null);
  const [tool, setTool] = useState<CoverTool>('rectangle');
  const [brush, setBrush] = useState(3);
  const [drag, setDrag] = useState<Drag | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const { width, height, dataUrl } = preview;
  const long = Math.max(width, height);
  const brushRadius = (long * brush) / 200;
  const minSide = long / 100;
  const selectedArea = areas.find((a) => a.key === selected);

  function toImage(e: React.PointerEvent): [number, number] {
    const ctm = svgRef.current?.getScreenCTM();
    if (!ctm) return [0, 0];
    const p = new DOMPoint(e.clientX, e.clientY).matrixTransform(ctm.inverse());
    return [Math.max(0, Math.min(width, p.x)), Math.max(0, Math.min(height, p.y))];
  }

  function onPointerDown(e: React.PointerEvent<SVGSVGElement>) {
    if (e.button !== 0) return;
    const [x, y] = toImage(e);
    (e.currentTarget as Element).setPointerCapture?.(e.pointerId);
    if (tool === 'rectangle') setDrag({ kind: 'rect', x0: x, y0: y, x1: x, y1: y });
    else if (tool === 'brush') setDrag({ kind: 'brush', points: [[x, y]] });
    else {
      const target = (e.target as Element).closest('[data-area-key]');
      const key = target?.getAttribute('data-area-key') ?? null;
      setSelected(key);
      const hit = areas.find((a) => a.key === key);
      if (hit) setDrag({ kind: 'move', key: hit.key, start: [x, y], box: coverBounds(hit.area), resize: target?.getAttribute('data-handle') === 'resize' });
    }
  }

  function onPointerMove(e: React.PointerEvent<SVGSVGElement>) {
    if (!drag) return;
    const [x, y] = toImage(e);
    if (drag.kind === 'rect') setDrag({ ...drag, x1: x, y1: y });
    else if (drag.kind === 'brush') {
      const last = drag.points[drag.points.length - 1]!;
      // Keep a point every few pixels: enough for the shape, few enough for the message.
      if (Math.hypot(x - last[0], y - last[1]) >= brushRadius / 3 && drag.points.length < 5000) setDrag({ kind: 'brush', points: [...drag.points, [x, y]] });
    } else {
      const [bx, by, bw, bh] = drag.box;
      const dx = x - drag.start[0];
      const dy = y - drag.start[1];
      const next: Box = drag.resize ? [bx, by, Math.max(minSide, bw + dx), Math.max(minSide, bh + dy)] : [bx + dx, by + dy, bw, bh];
      onMove(drag.key, next);
      setDrag({ ...drag, start: [x, y], box: next });
    }
  }

  function onPointerUp() {
    if (!drag) return;
    if (drag.kind === 'rect') {
      const box = normal(drag.x0, drag.y0, drag.x1, drag.y1);
      if (box[2] >= minSide && box[3] >= minSide) onDraw(boxCover(box, mode, { kind: 'drawn' }));
    } else if (drag.kind === 'brush') {
      onDraw({ shape: 'stroke', points: drag.points, radius: brushRadius, mode, from: { kind: 'drawn' } });
    }
    setDrag(null);
  }

  function addRectangle() {
    const w = width / 4;
    const h = height / 4;
    onDraw(boxCover([(width - w) / 2, (height - h) / 2, w, h], mode, { kind: 'drawn' }));
    setTool('select');
  }

  function onKeyDown(e: React.KeyboardEvent) {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z') {
      e.preventDefault();
      onUndo();
      return;
    }
    if (!selectedArea) return;
    if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      onRemove(selectedArea.key);
      setSelected(null);
      return;
    }
    const step = long / 50;
    const moves: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    const move = moves[e.key];
    if (!move) return;
    e.preventDefault();
    const [bx, by, bw, bh] = coverBounds(selectedArea.area);
    onMove(selectedArea.key, e.shiftKey ? [bx, by, Math.max(minSide, bw + move[0]), Math.max(minSide, bh + move[1])] : [bx + move[0], by + move[1], bw, bh]);
  }

  const live =
    drag?.kind === 'rect' ? (
      <rect className="cover-drawing" x={Math.min(drag.x0, drag.x1)} y={Math.min(drag.y0, drag.y1)} width={Math.abs(drag.x1 - drag.x0)} height={Math.abs(drag.y1 - drag.y0)} />
    ) : drag?.kind === 'brush' ? (
      <polyline className="cover-stroke" points={drag.points.map((p) => p.join(',')).join(' ')} strokeWidth={brushRadius * 2} />
    ) : null;

  return (
    <section className="cover-editor" aria-label="Mark what to cover" onKeyDown={onKeyDown}>
      <div className="cover-toolbar">
        <Segmented<CoverTool> label="Tool" options={TOOLS} value={tool} onChange={setTool} />
        {tool === 'brush' && (
          <label className="brush-size">
            Brush size
            <input type="range" min={1} max={10} value={brush} onChange={(e) => setBrush(Number(e.target.value))} />
          </label>
        )}
        <Segmented<CoverMode> label="How to cover" options={MODES} value={mode} onChange={onMode} />
      </div>
      <div className="preview-frame cover-canvas">
        <svg
          ref={svgRef}
          className={`cover-svg tool-${tool}`}
          viewBox={`0 0 ${width} ${height}`}
          role="img"
          aria-label={`${name}: ${areas.length} ${areas.length === 1 ? 'area' : 'areas'} to cover`}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={() => setDrag(null)}
        >
          <image href={dataUrl} x={0} y={0} width={width} height={height} preserveAspectRatio="none" />
          {areas.map((a) => (
            <AreaShape key={a.key} item={a} mode={mode} selected={a.key === selected} handle={long / 60} />
          ))}
          {live}
        </svg>
      </div>
      <div className="cover-actions">
        <button type="button" className="button secondary small" onClick={addRectangle}>
          Add a rectangle
        </button>
        <button type="button" className="button secondary small" disabled={!selectedArea} onClick={() => selectedArea && (onRemove(selectedArea.key), setSelected(null))}>
          Remove the selected area
        </button>
        <button type="button" className="button secondary small" disabled={!canUndo} onClick={onUndo}>
          Undo
        </button>
        <button type="button" className="button primary small" onClick={onDone}>
          Done
        </button>
      </div>
      <ul className="cover-area-list" aria-label="Areas to cover">
        {areas.map((a) => (
          <li key={a.key}>
            <button type="button" className={`cover-area-item${a.key === selected ? ' current' : ''}`} aria-pressed={a.key === selected} onClick={() => setSelected(a.key)}>
              {a.label}
            </button>
          </li>
        ))}
      </ul>
      <p className="field-hint">
        Drag over the picture to cover more. To use the keyboard: choose an area in the list or add a rectangle, then move it with the arrow keys,
        make it bigger or smaller with Shift and the arrow keys, and remove it with Delete.
      </p>
    </section>
  );
}

function AreaShape({ item, mode, selected, handle }: { item: EditableArea; mode: CoverMode; selected: boolean; handle: number }) {
  const cls = `cover-area cover-${mode}${selected ? ' selected' : ''}`;
  if (item.area.shape === 'stroke') {
    return (
      <g className={cls} data-area-key={item.key}>
        <polyline className="cover-stroke" points={item.area.points.map((p) => p.join(',')).join(' ')} strokeWidth={item.area.radius * 2} />
      </g>
    );
  }
  const [x, y, w, h] = item.area.box;
  return (
    <g className={cls} data-area-key={item.key}>
      <rect className="cover-box" x={x} y={y} width={w} height={h} />
      {selected && <rect className="cover-handle" data-area-key={item.key} data-handle="resize" x={x + w - handle / 2} y={y + h - handle / 2} width={handle} height={handle} />}
    </g>
  );
}

