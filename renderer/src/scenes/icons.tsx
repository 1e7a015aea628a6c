// Small inline icons for the source and scene lists (no icon font: every machine draws these the same).
const common = {
  width: 14,
  height: 14,
  viewBox: '0 0 16 16',
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 1.6,
  'aria-hidden': true,
} as const;

export function EyeIcon({ open }: { open: boolean }) {
  return (
    <svg {...common}>
      <path d="M1 8s2.5-5 7-5 7 5 7 5-2.5 5-7 5-7-5-7-5z" />
      {open ? <circle cx="8" cy="8" r="2.2" /> : <path d="M2 14L14 2" />}
    </svg>
  );
}

export function LockIcon({ locked }: { locked: boolean }) {
  return (
    <svg {...common}>
      <rect x="3" y="7" width="10" height="7" rx="1" />
      <path d={locked ? 'M5 7V5a3 3 0 0 1 6 0v2' : 'M5 7V5a3 3 0 0 1 5.8-1'} />
    </svg>
  );
}

export function CopyIcon() {
  return (
    <svg {...common}>
      <rect x="5" y="5" width="9" height="9" rx="1" />
      <path d="M2 11V3a1 1 0 0 1 1-1h8" />
    </svg>
  );
}
