import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  closestCenter,
  useSensor,
  useSensors,
  type DragEndEvent,
} from '@dnd-kit/core';
import {
  SortableContext,
  arrayMove,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useState } from 'react';
import type { QueueItemDto } from '../../../shared/dto/audio';
import { Icon } from '../../ui/Icon';
import { clock } from './clock';

function QueueRow({
  item,
  position,
  onRemove,
}: {
  item: QueueItemDto;
  position: number;
  onRemove: (id: number) => void;
}) {
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({
    id: item.id,
  });
  return (
    <li
      ref={setNodeRef}
      className={`queue-row${isDragging ? ' dragging' : ''}`}
      style={{ transform: CSS.Transform.toString(transform), transition }}
      data-item={item.id}
    >
      <button
        type="button"
        className="drag-handle"
        aria-label={`Move ${item.title} (position ${position}); space to pick up, arrows to move`}
        {...attributes}
        {...listeners}
      >
        ⋮⋮
      </button>
      <span className="queue-pos mono dim">{position}.</span>
      <span className="queue-title" title={item.source}>
        {item.title}
      </span>
      <span className="mono dim">{clock(item.durationMs)}</span>
      <span className="dim queue-requester">{item.requester ?? ''}</span>
      <button
        type="button"
        className="icon-button"
        aria-label={`Remove ${item.title}`}
        onClick={() => onRemove(item.id)}
      >
        <Icon name="trash" size={13} />
      </button>
    </li>
  );
}

/** The upcoming items: drag (mouse or keyboard) to reorder, remove with the bin. */
export function QueueList({
  items,
  onReorder,
  onRemove,
}: {
  items: readonly QueueItemDto[];
  onReorder: (ids: number[]) => void;
  onRemove: (id: number) => void;
}) {
  // local order so the row stays where it was dropped until the runtime's state confirms it
  // (a newer list from the runtime replaces it)
  const [local, setLocal] = useState<{ basis: readonly QueueItemDto[]; order: QueueItemDto[] } | null>(null);
  const order = local && local.basis === items ? local.order : items;
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const onDragEnd = ({ active, over }: DragEndEvent): void => {
    if (!over || active.id === over.id) return;
    const from = order.findIndex((i) => i.id === active.id);
    const to = order.findIndex((i) => i.id === over.id);
    if (from < 0 || to < 0) return;
    const next = arrayMove([...order], from, to);
    setLocal({ basis: items, order: next });
    onReorder(next.map((i) => i.id));
  };
  if (order.length === 0) return <div className="panel-empty">The queue is empty.</div>;
  return (
    <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
      <SortableContext items={order.map((i) => i.id)} strategy={verticalListSortingStrategy}>
        <ol className="queue-list" aria-label="Queue">
          {order.map((item, i) => (
            <QueueRow key={item.id} item={item} position={i + 1} onRemove={onRemove} />
          ))}
        </ol>
      </SortableContext>
    </DndContext>
  );
}
