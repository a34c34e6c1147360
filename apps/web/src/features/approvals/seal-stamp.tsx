import { formatStampDate } from '../../shared/format-date';

/**
 * A 電子印 drawn as a Japanese date stamp (日付印): a red circle, the position above, the date across the middle band,
 * the surname below. SVG, so it is sharp on any screen and prints as it looks. `proxy` adds the 代決 mark.
 */
export function SealStamp({
  name,
  position,
  at,
  proxy,
  size = 76,
  label,
}: {
  name: string;
  position: string | null;
  at: string;
  proxy?: boolean;
  size?: number;
  label?: string;
}) {
  const surname = name.split(/[\s\u3000]/)[0] ?? name;
  const pos = position ?? '';
  const small = (text: string, max: number) => Math.min(13, (max / Math.max(text.length, 1)) * 1.05);
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 80 80"
      role="img"
      aria-label={label ?? `${pos} ${name} ${formatStampDate(at)}${proxy ? ' 代決' : ''}`}
      data-testid="seal"
      className="seal-stamp"
    >
      <circle cx="40" cy="40" r="37" fill="none" stroke="#c92a2a" strokeWidth="2.6" />
      <line x1="6" y1="30" x2="74" y2="30" stroke="#c92a2a" strokeWidth="1.6" />
      <line x1="6" y1="50" x2="74" y2="50" stroke="#c92a2a" strokeWidth="1.6" />
      <text x="40" y="24" textAnchor="middle" fill="#c92a2a" fontSize={small(pos, 46)} fontWeight="700">
        {pos}
      </text>
      <text x="40" y="44.5" textAnchor="middle" fill="#c92a2a" fontSize="11.5" fontWeight="700">
        {formatStampDate(at)}
      </text>
      <text x="40" y="66" textAnchor="middle" fill="#c92a2a" fontSize={Math.min(15, small(surname, 40) + 2)} fontWeight="700">
        {surname}
      </text>
      {proxy && (
        <g>
          <rect x="52" y="0" width="28" height="16" rx="3" fill="#fff" stroke="#c92a2a" strokeWidth="1.4" />
          <text x="66" y="12" textAnchor="middle" fill="#c92a2a" fontSize="10" fontWeight="700">
            代決
          </text>
        </g>
      )}
    </svg>
  );
}
