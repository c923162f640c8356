import { useId, useRef, type KeyboardEvent } from 'react';
import { LEVEL_NAMES, type Dimension, type Level } from '../../../shared/domain/rubric';

const LEVELS: readonly Level[] = [1, 2, 3, 4];

/**
 * The four level cards of one rubric dimension as a radio group (WAI-ARIA radio pattern): one tab
 * stop (the chosen card, or the first while none is chosen), arrow keys move the choice, Space
 * chooses the focused card. Each card is named by its level and described by its text.
 */
export function LevelRadios({
  dimension,
  value,
  onChange,
  labelledBy,
}: {
  dimension: Dimension;
  value: Level | undefined;
  onChange: (level: Level) => void;
  /** The id of the element that names the group (the dimension's heading). */
  labelledBy: string;
}) {
  const idBase = useId();
  const cards = useRef<(HTMLButtonElement | null)[]>([]);
  const tabStop = value ?? 1;

  function move(from: Level, by: number) {
    const next = LEVELS[(LEVELS.indexOf(from) + by + LEVELS.length) % LEVELS.length]!;
    onChange(next);
    cards.current[next - 1]?.focus();
  }

  function onKeyDown(level: Level, e: KeyboardEvent<HTMLButtonElement>) {
    switch (e.key) {
      case 'ArrowRight':
      case 'ArrowDown':
        move(level, 1);
        break;
      case 'ArrowLeft':
      case 'ArrowUp':
        move(level, -1);
        break;
      case 'Home':
        move(1, 0);
        break;
      case 'End':
        move(4, 0);
        break;
      case ' ':
      case 'Enter':
        onChange(level);
        break;
      default:
        return;
    }
    e.preventDefault();
  }

  return (
    <div
      className="levels"
      role="radiogroup"
      aria-labelledby={labelledBy}
      data-dimension-levels={dimension.id}
    >
      {LEVELS.map((level) => (
        <button
          key={level}
          ref={(el) => {
            cards.current[level - 1] = el;
          }}
          type="button"
          role="radio"
          aria-checked={value === level}
          aria-label={`${level} · ${LEVEL_NAMES[level]}`}
          aria-describedby={`${idBase}-${level}`}
          tabIndex={level === tabStop ? 0 : -1}
          className={`level-choice l${level}`}
          onClick={() => onChange(level)}
          onKeyDown={(e) => onKeyDown(level, e)}
          data-level={level}
        >
          <strong aria-hidden="true">
            {level} · {LEVEL_NAMES[level]}
          </strong>
          <span id={`${idBase}-${level}`}>{dimension.levels[level]}</span>
        </button>
      ))}
    </div>
  );
}
