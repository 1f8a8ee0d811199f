// 原表（PDF 第 N 页）: the region of the published page the project's row was read from, drawn in the
// browser from the stored PDF (GET /api/documents/:id/source) with pdfjs, the row tinted. pdfjs is
// loaded only here (a dynamic import), so the first page load does not carry it.
import { Alert, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';

export interface Box { readonly page: number; readonly x: number; readonly y: number; readonly w: number; readonly h: number }

/** PDF points shown around the row, so its neighbours give it context */
const MARGIN = 36;
/** CSS pixels per PDF point at least: on a phone the cut-out stays legible and scrolls sideways in its card */
const MIN_SCALE = 1;

type PdfJs = typeof import('pdfjs-dist');
let pdfjs: Promise<PdfJs> | null = null;
function loadPdfJs(): Promise<PdfJs> {
  // 'pdfjs-dist' is build/pdf.mjs (the browser build), typed
  pdfjs ??= Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?url')]).then(([m, worker]) => {
    m.GlobalWorkerOptions.workerSrc = worker.default;
    return m;
  });
  return pdfjs;
}

/** one loaded document per source URL: every project page of a table shares it */
const documents = new Map<string, Promise<import('pdfjs-dist').PDFDocumentProxy>>();
function loadDocument(url: string) {
  let d = documents.get(url);
  if (!d) {
    d = loadPdfJs().then((m) => m.getDocument({
      url, cMapUrl: '/pdfjs/cmaps/', cMapPacked: true, standardFontDataUrl: '/pdfjs/standard_fonts/',
      // the app's CSP allows no eval; pdfjs then draws glyphs without compiled paths
      isEvalSupported: false,
    }).promise);
    d.catch(() => documents.delete(url));
    documents.set(url, d);
  }
  return d;
}

export default function PdfCutout({ url, box }: { url: string; box: Box }) {
  const wrap = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(0);
  const [state, setState] = useState<'loading' | 'done' | 'failed'>('loading');

  // the cut-out is as wide as its card, at 1440 px and at 400 px
  useEffect(() => {
    const el = wrap.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(Math.floor(el.clientWidth)));
    ro.observe(el);
    setWidth(Math.floor(el.clientWidth));
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    const c = canvas.current;
    if (!c || width <= 0) return;
    let cancelled = false;
    let task: { cancel(): void } | null = null;
    setState('loading');
    (async () => {
      const doc = await loadDocument(url);
      const page = await doc.getPage(box.page);
      if (cancelled) return;
      const dpr = window.devicePixelRatio || 1;
      const full = page.getViewport({ scale: 1 });
      const left = Math.max(0, box.x - MARGIN);
      const right = Math.min(full.width, box.x + box.w + MARGIN);
      const top = Math.max(0, box.y - MARGIN);
      const bottom = Math.min(full.height, box.y + box.h + MARGIN);
      const css = Math.max(width / (right - left), MIN_SCALE);
      const scale = css * dpr;
      const viewport = page.getViewport({ scale });
      c.width = Math.max(1, Math.round((right - left) * scale));
      c.height = Math.max(1, Math.round((bottom - top) * scale));
      c.style.width = `${c.width / dpr}px`;
      c.style.height = `${c.height / dpr}px`;
      // draw only the cut-out: the page shifted by the part left of and above it
      const t = page.render({ canvas: c, viewport, transform: [1, 0, 0, 1, -left * scale, -top * scale] });
      task = t;
      await t.promise;
      if (cancelled) return;
      const ctx = c.getContext('2d')!;
      ctx.fillStyle = 'rgba(22, 119, 255, 0.16)';
      ctx.fillRect((box.x - left) * scale, (box.y - top) * scale, box.w * scale, box.h * scale);
      ctx.strokeStyle = 'rgba(22, 119, 255, 0.9)';
      ctx.lineWidth = Math.max(1, 2 * dpr);
      ctx.strokeRect((box.x - left) * scale, (box.y - top) * scale, box.w * scale, box.h * scale);
      setState('done');
    })().catch((e: unknown) => {
      if (!cancelled && (e as { name?: string })?.name !== 'RenderingCancelledException') setState('failed');
    });
    return () => { cancelled = true; task?.cancel(); };
  }, [url, box.page, box.x, box.y, box.w, box.h, width]);

  return (
    <div ref={wrap} className="pdf-cutout scroll-x" data-testid="pdf-cutout" data-state={state}>
      {state === 'failed' ? <Alert type="warning" showIcon title="无法显示原 PDF 的这一页，可点“打开原 PDF”查看" /> : null}
      {state === 'loading' ? <Spin size="small" /> : null}
      <canvas ref={canvas} aria-label={`原 PDF 第 ${box.page} 页中本项目所在区域`} style={{ display: state === 'failed' ? 'none' : 'block' }} />
    </div>
  );
}
