import { useEffect, useRef, useState } from 'react';
import type { PDFDocumentProxy, RenderTask } from 'pdfjs-dist';
import { loadJapaneseGlyphs, substitutedFamilies } from './japanese-pdf-fonts';
import { PageUnavailable } from './server-page-image';

/**
 * One page drawn at `cssWidth` pixels wide (sharp on high-density tablets); neighbours are fetched ahead. A page
 * pdf.js cannot draw shows the placeholder. Nothing in the file runs: pdf.js 6 compiles no fonts with eval (what
 * CVE-2024-4367 abused) and this viewer draws no annotation layer and creates no scripting sandbox.
 */
export function PdfPageCanvas({
  doc,
  page,
  cssWidth,
  className,
  onRendered,
}: {
  doc: PDFDocumentProxy;
  page: number;
  cssWidth: number;
  className?: string;
  onRendered?: () => void;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  // Kept aside: a new callback from the parent's re-render must not draw the page again.
  const rendered = useRef(onRendered);
  rendered.current = onRendered;
  const [failed, setFailed] = useState<string | null>(null);
  const which = `${page}:${cssWidth}`;
  useEffect(() => {
    let task: RenderTask | undefined;
    let cancelled = false;
    const fail = () => !cancelled && setFailed(`${page}:${cssWidth}`);
    void doc.getPage(page).then(async (p) => {
      const content = await p.getTextContent().catch(() => ({ items: [], styles: {} }));
      await loadJapaneseGlyphs(content.items.map((item) => ('str' in item ? item.str : '')).join(''), substitutedFamilies(content.styles));
      if (cancelled || !canvas.current) return;
      const base = p.getViewport({ scale: 1 });
      const ratio = Math.min(window.devicePixelRatio || 1, 3);
      const viewport = p.getViewport({ scale: (cssWidth / base.width) * ratio });
      const el = canvas.current;
      el.width = Math.floor(viewport.width);
      el.height = Math.floor(viewport.height);
      el.style.width = `${cssWidth}px`;
      el.style.height = `${(cssWidth * base.height) / base.width}px`;
      task = p.render({ canvas: el, viewport });
      task.promise.then(
        () => !cancelled && rendered.current?.(),
        (error: unknown) => (error as { name?: string })?.name !== 'RenderingCancelledException' && fail(),
      );
      // Fast page turning: the next and previous pages are parsed while this one is read.
      if (page < doc.numPages) void doc.getPage(page + 1);
      if (page > 1) void doc.getPage(page - 1);
    }, fail);
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [doc, page, cssWidth]);
  if (failed === which) {
    const height = canvas.current ? canvas.current.getBoundingClientRect().height : Math.round(cssWidth * 1.414);
    return <PageUnavailable page={page} width={cssWidth} height={height} />;
  }
  return <canvas ref={canvas} className={className} data-page={page} />;
}
