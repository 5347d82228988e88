import type { LucideIcon } from 'lucide-react';
import {
  Activity,
  ArrowDownToLine,
  ChartLine,
  Check,
  ChevronDown,
  ChevronFirst,
  ChevronLast,
  ChevronLeft,
  ChevronRight,
  ChevronUp,
  CirclePlay,
  Code,
  Command,
  Copy,
  CornerDownLeft,
  Database,
  Download,
  Eraser,
  File,
  FileDiff,
  History,
  Key,
  Keyboard,
  Lock,
  Monitor,
  Moon,
  Pause,
  Play,
  Plug,
  Plus,
  RefreshCw,
  RotateCcw,
  Save,
  ScrollText,
  Search,
  Settings,
  ShieldCheck,
  Square,
  Sun,
  Table,
  Terminal,
  Trash2,
  TriangleAlert,
  Undo2,
  Volume2,
  Workflow,
  X,
} from 'lucide-react';

// The panel's icon names mapped to lucide icons (SVG components bundled with the panel: no icon
// font, nothing fetched, fine under a strict CSP). Callers name icons by what they mean here.
const ICONS = {
  activity: Activity,
  logs: ScrollText,
  code: Code,
  terminal: Terminal,
  running: CirclePlay,
  audio: Volume2,
  audit: ShieldCheck,
  settings: Settings,
  lock: Lock,
  chevron: ChevronRight,
  close: X,
  pause: Pause,
  follow: ArrowDownToLine,
  search: Search,
  clear: Eraser,
  copy: Copy,
  alert: TriangleAlert,
  plug: Plug,
  plus: Plus,
  trash: Trash2,
  save: Save,
  refresh: RefreshCw,
  stop: Square,
  file: File,
  key: Key,
  up: ChevronUp,
  down: ChevronDown,
  enter: CornerDownLeft,
  check: Check,
  pipeline: Workflow,
  undo: Undo2,
  database: Database,
  table: Table,
  left: ChevronLeft,
  first: ChevronFirst,
  last: ChevronLast,
  history: History,
  diff: FileDiff,
  rollback: RotateCcw,
  sun: Sun,
  moon: Moon,
  monitor: Monitor,
  play: Play,
  download: Download,
  keyboard: Keyboard,
  command: Command,
  chart: ChartLine,
} satisfies Record<string, LucideIcon>;

export type IconName = keyof typeof ICONS;

/** A decorative icon (hidden from assistive technology: the control around it carries the label). */
export function Icon({ name, size = 16, className }: { name: IconName; size?: number; className?: string }) {
  const Glyph = ICONS[name];
  return (
    <Glyph
      className={className ? `icon ${className}` : 'icon'}
      size={size}
      strokeWidth={1.8}
      aria-hidden="true"
      focusable="false"
    />
  );
}
