import { useT } from '../../i18n/i18n';
import type { MeetingFit } from '@yakuba/contracts';
import { meetingsMessages } from './messages';
import type { Tool } from './notes-layer';
import styles from './meetings.module.css';

/** The room's tool row: the notes tools, zoom and fit (width or page), thumbnails and search in the papers. */
export function RoomToolbar({
  tools,
  tool,
  onTool,
  fit,
  onFit,
  onZoom,
  thumbs,
  onThumbs,
  query,
  onQuery,
}: {
  tools: Tool[];
  tool: Tool;
  onTool(tool: Tool): void;
  fit: MeetingFit;
  onFit(fit: MeetingFit): void;
  /** Zoom by this factor of the current zoom. */
  onZoom(factor: number): void;
  thumbs: boolean;
  onThumbs(): void;
  query: string;
  onQuery(q: string): void;
}) {
  const t = useT(meetingsMessages);
  return (
    <div className={styles.roomTools}>
      <div className={styles.toolGroup} role="toolbar" aria-label="tools">
        {tools.map((k) => (
          <button key={k} className={tool === k ? 'active' : ''} aria-pressed={tool === k} onClick={() => onTool(k)}>
            {t(k)}
          </button>
        ))}
      </div>
      <div className={styles.toolGroup}>
        <button aria-label={t('zoomOut')} onClick={() => onZoom(1 / 1.25)}>
          －
        </button>
        {(['width', 'page'] as const).map((f) => (
          <button key={f} className={fit === f ? 'active' : ''} aria-pressed={fit === f} data-testid={`fit-${f}`} onClick={() => onFit(f)}>
            {t(f === 'width' ? 'fitWidth' : 'fitPage')}
          </button>
        ))}
        <button aria-label={t('zoomIn')} onClick={() => onZoom(1.25)}>
          ＋
        </button>
        <button aria-pressed={thumbs} onClick={onThumbs}>
          {t('thumbnails')}
        </button>
      </div>
      <input
        type="search"
        className={styles.roomSearch}
        placeholder={t('search')}
        value={query}
        onChange={(e) => onQuery(e.target.value)}
        aria-label={t('search')}
      />
    </div>
  );
}
