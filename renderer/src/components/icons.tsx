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

export const PersonAddIcon = ({ className }: IconProps) => (
  <Svg className={className}>
    <circle cx="10" cy="8" r="3.5" />
    <path d="M3.5 20c.8-3.6 3.4-5.5 6.5-5.5 1.4 0 2.7.4 3.8 1.1" />
    <path d="M18 13v6M15 16h6" />
  </Svg>
);

export const LinkIcon = ({ className }: IconProps) => (
  <Svg className={className}>
    <circle cx="6" cy="17" r="2.6" />
    <circle cx="18" cy="7" r="2.6" />
    <path d="M8.1 15.3l7.8-6.6" />
  </Svg>
);

export const UndoIcon = ({ className }: IconProps) => (
  <Svg className={className}>
    <path d="M9 14L4 9l5-5" />
    <path d="M4 9h10.5a5.5 5.5 0 010 11H11" />
  </Svg>
);

export const RedoIcon = ({ className }: IconProps) => (
  <Svg className={className}>
    <path d="M15 14l5-5-5-5" />
    <path d="M20 9H9.5a5.5 5.5 0 000 11H13" />
  </Svg>
);

export const FitIcon = ({ className }: IconProps) => (
  <Svg className={className}>
    <path d="M4 9V5a1 1 0 011-1h4M15 4h4a1 1 0 011 1v4M20 15v4a1 1 0 01-1 1h-4M9 20H5a1 1 0 01-1-1v-4" />
  </Svg>
);

export const LayoutIcon = ({ className }: IconProps) => (
  <Svg className={className}>
    <circle cx="12" cy="12" r="2.2" />
    <circle cx="12" cy="12" r="8.5" strokeDasharray="2.5 3" />
  </Svg>
);

export const ZoomInIcon = ({ className }: IconProps) => (
  <Svg className={className}>
    <path d="M12 5v14M5 12h14" />
  </Svg>
);

export const ZoomOutIcon = ({ className }: IconProps) => (
  <Svg className={className}>
    <path d="M5 12h14" />
  </Svg>
);

export const TrashIcon = ({ className }: IconProps) => (
  <Svg className={className}>
    <path d="M4 7h16M10 11v6M14 11v6M6 7l1 12a2 2 0 002 2h6a2 2 0 002-2l1-12M9 7V4.5A.5.5 0 019.5 4h5a.5.5 0 01.5.5V7" />
  </Svg>
);

export const CloseIcon = ({ className }: IconProps) => (
  <Svg className={className}>
    <path d="M6 6l12 12M18 6L6 18" />
  </Svg>
);

export const SearchIcon = ({ className }: IconProps) => (
  <Svg className={className}>
    <circle cx="11" cy="11" r="6.5" />
    <path d="M20 20l-4.2-4.2" />
  </Svg>
);

export const ImportIcon = ({ className }: IconProps) => (
  <Svg className={className}>
    <path d="M12 4v11M7.5 10.5L12 15l4.5-4.5" />
    <path d="M5 15v3a2 2 0 002 2h10a2 2 0 002-2v-3" />
  </Svg>
);

export const AlertIcon = ({ className }: IconProps) => (
  <Svg className={className}>
    <path d="M12 4l9 16H3z" />
    <path d="M12 10v4M12 17.2v.1" />
  </Svg>
);

export const CheckIcon = ({ className }: IconProps) => (
  <Svg className={className}>
    <path d="M5 12.5l4.5 4.5L19 7.5" />
  </Svg>
);

export const InfoIcon = ({ className }: IconProps) => (
  <Svg className={className}>
    <circle cx="12" cy="12" r="8.5" />
    <path d="M12 11v5M12 8v.1" />
  </Svg>
);

export const SparkIcon = ({ className }: IconProps) => (
  <Svg className={className}>
    <path d="M12 3.5l1.9 5.2 5.6.3-4.4 3.4 1.5 5.4L12 14.7l-4.6 3.1 1.5-5.4L4.5 9l5.6-.3z" />
  </Svg>
);

/** Kith's mark: me at the centre with a ring of ties. */
export function BrandMark({ className }: IconProps): React.JSX.Element {
  return (
    <svg className={className} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <circle cx="12" cy="12" r="9.2" fill="none" stroke="currentColor" strokeOpacity="0.25" strokeWidth="1.4" />
      <path d="M12 12L5.5 6.5" stroke="#009E73" strokeWidth="1.8" strokeLinecap="round" />
      <path d="M12 12l7 -3.5" stroke="#D55E00" strokeWidth="1.8" strokeLinecap="round" strokeDasharray="2.2 2" />
      <path d="M12 12l1.5 8" stroke="#009E73" strokeWidth="1.8" strokeLinecap="round" />
      <circle cx="5.5" cy="6.5" r="2" fill="currentColor" fillOpacity="0.55" />
      <circle cx="19" cy="8.5" r="2" fill="currentColor" fillOpacity="0.55" />
      <circle cx="13.5" cy="20" r="2" fill="currentColor" fillOpacity="0.55" />
      <circle cx="12" cy="12" r="3.4" fill="currentColor" />
    </svg>
  );
}

export const PlusIcon = ({ className }: IconProps) => (
  <Svg className={className}>
    <path d="M12 5.5v13M5.5 12h13" />
  </Svg>
);

export const EditIcon = ({ className }: IconProps) => (
  <Svg className={className}>
    <path d="M4.5 19.5l1-4.2L15.8 5a2 2 0 012.8 0l.4.4a2 2 0 010 2.8L8.7 18.5z" />
    <path d="M13.8 7l3.2 3.2" />
  </Svg>
);

export const BackIcon = ({ className }: IconProps) => (
  <Svg className={className}>
    <path d="M14.5 5.5L8 12l6.5 6.5" />
  </Svg>
);

/** A community: people around a shared interest. */
export const CommunityIcon = ({ className }: IconProps) => (
  <Svg className={className}>
    <circle cx="9" cy="8.5" r="3" />
    <path d="M3.5 19c.6-3.2 2.8-5 5.5-5s4.9 1.8 5.5 5" />
    <circle cx="16.5" cy="9" r="2.4" />
    <path d="M16 14.1c2.3-.2 4.1 1.4 4.6 4.4" />
  </Svg>
);

/** An organisation: a building. */
export const OrganisationIcon = ({ className }: IconProps) => (
  <Svg className={className}>
    <path d="M5 20V5.5a1 1 0 011-1h8a1 1 0 011 1V20M15 9.5h3a1 1 0 011 1V20M3.5 20h17" />
    <path d="M8.5 8h3M8.5 11.5h3M8.5 15h3" />
  </Svg>
);

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

export const LockIcon = ({ className }: IconProps) => (
  <Svg className={className}>
    <rect x="5" y="10.5" width="14" height="10" rx="2" />
    <path d="M8 10.5V7.5a4 4 0 0 1 8 0v3" />
  </Svg>
);
