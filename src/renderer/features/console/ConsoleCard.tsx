import type { CardDto } from '../../../shared/dto/card';

const hex = (color: number): string => `#${color.toString(16).padStart(6, '0')}`;
const safeUrl = (url: string | undefined): string | undefined =>
  url !== undefined && /^https?:\/\//i.test(url) ? url : undefined;

/** A card a command sent with respondCard(), drawn like a Discord embed. */
export function ConsoleCard({ card }: { card: CardDto }) {
  const link = safeUrl(card.url);
  const image = safeUrl(card.image);
  return (
    <section
      className="ccard"
      aria-label={card.title ?? 'card'}
      style={card.color !== undefined ? { borderLeftColor: hex(card.color) } : undefined}
    >
      {card.title !== undefined &&
        (link ? (
          <a className="ccard-title" href={link} target="_blank" rel="noreferrer noopener">
            {card.title}
          </a>
        ) : (
          <div className="ccard-title">{card.title}</div>
        ))}
      {card.description !== undefined && <p className="ccard-description">{card.description}</p>}
      {card.fields !== undefined && card.fields.length > 0 && (
        <dl className="ccard-fields">
          {card.fields.map((f, i) => (
            <div key={i} className={f.inline ? 'ccard-field inline' : 'ccard-field'}>
              <dt>{f.name}</dt>
              <dd>{f.value}</dd>
            </div>
          ))}
        </dl>
      )}
      {image && <img className="ccard-image" src={image} alt="" />}
      {card.footer !== undefined && <footer className="ccard-footer dim">{card.footer}</footer>}
    </section>
  );
}
