import type React from 'react';

type IconProps = { readonly className?: string };

function Svg({ children, className }: { readonly children: React.ReactNode; readonly className?: string | undefined }): React.JSX.Element {
  return (
    <svg
      className={className}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

export const FilterIcon = ({ className }: IconProps) => (
  <Svg className={className}>
    <path d="M4 5h16l-6 7.5V19l-4-2v-4.5z" />
  </Svg>
);

export const DownloadIcon = ({ className }: IconProps) => (
  <Svg className={className}>
    <path d="M12 4v11M7.5 10.5 12 15l4.5-4.5M5 19.5h14" />
  </Svg>
);

export const KeyboardIcon = ({ className }: IconProps) => (
  <Svg className={className}>
    <rect x="3" y="6" width="18" height="12" rx="2" />
    <path d="M7 10h.01M10.5 10h.01M14 10h.01M17 10h.01M8 14h8" />
  </Svg>
);

export const EgoIcon = ({ className }: IconProps) => (
  <Svg className={className}>
    <circle cx="12" cy="12" r="2.6" />
    <circle cx="12" cy="12" r="7.5" strokeDasharray="2.5 2.5" />
    <circle cx="19.5" cy="12" r="1.4" />
    <circle cx="6.7" cy="6.7" r="1.4" />
  </Svg>
);

export const CollapseIcon = ({ className }: IconProps) => (
  <Svg className={className}>
    <path d="M9 4v5H4M15 4v5h5M9 20v-5H4M15 20v-5h5" />
  </Svg>
);
