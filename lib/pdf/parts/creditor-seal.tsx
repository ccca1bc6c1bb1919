import { Polygon, Svg, Circle, Text, View } from '@react-pdf/renderer';
import { FONT_FAMILY } from '../fonts';

/**
 * The creditor's visible seal, drawn by Concord itself (never an image from
 * elsewhere): a red ring, the creditor's name set around its upper part, a
 * five-pointed star in the middle and the words 电子签章 below it — the look of
 * a Chinese company seal. It shows where the seal is; what proves it is the
 * PKCS#7 signature made with the creditor's certificate over the whole file.
 */
export const SEAL_RED = '#c8161d';

/** The points of a five-pointed star centred on (cx, cy), outer radius r, as an SVG points list. */
export function starPoints(cx: number, cy: number, r: number): string {
  const inner = r * 0.382;
  const points: string[] = [];
  for (let i = 0; i < 10; i++) {
    const radius = i % 2 === 0 ? r : inner;
    const angle = -Math.PI / 2 + (i * Math.PI) / 5;
    points.push(`${(cx + radius * Math.cos(angle)).toFixed(2)},${(cy + radius * Math.sin(angle)).toFixed(2)}`);
  }
  return points.join(' ');
}

/** The size of the name's characters: as large as fits 240° of the ring, between 5 and 11 points. */
export function glyphSize(name: string, size: number): number {
  const n = Math.max(1, Array.from(name).length);
  const radius = size / 2 - 3;
  return Math.max(5, Math.min(11, (radius * ((240 * Math.PI) / 180)) / (n * 1.18)));
}

/** Where each character of the name goes around the ring: centred on top, spread over at most 240°, upright towards the centre. */
export function ringLayout(name: string, size: number): { char: string; x: number; y: number; rotate: number }[] {
  const chars = Array.from(name);
  const glyph = glyphSize(name, size);
  const centre = size / 2;
  const radius = size / 2 - 3 - glyph * 0.75;
  const arc = Math.min(240, Math.max(60, ((chars.length * glyph * 1.12) / radius) * (180 / Math.PI)));
  const step = chars.length > 1 ? arc / (chars.length - 1) : 0;
  return chars.map((char, i) => {
    const degrees = -arc / 2 + i * step;
    const radians = (degrees * Math.PI) / 180;
    return { char, x: centre + radius * Math.sin(radians), y: centre - radius * Math.cos(radians), rotate: degrees };
  });
}

export function CreditorSeal({ name, label, size = 96 }: { name: string; label: string; size?: number }) {
  const glyph = glyphSize(name, size);
  return (
    <View style={{ width: size, height: size, position: 'relative' }}>
      <Svg width={size} height={size} viewBox={`0 0 ${size} ${size}`} style={{ position: 'absolute', top: 0, left: 0 }}>
        <Circle cx={size / 2} cy={size / 2} r={size / 2 - 2} stroke={SEAL_RED} strokeWidth={2.6} fill="none" />
        <Polygon points={starPoints(size / 2, size / 2, size * 0.17)} fill={SEAL_RED} />
      </Svg>
      {ringLayout(name, size).map(({ char, x, y, rotate }, i) => (
        <View key={i} style={{ position: 'absolute', left: x - glyph / 2, top: y - glyph / 2, width: glyph, height: glyph, transform: `rotate(${rotate.toFixed(1)}deg)` }}>
          <Text style={{ fontFamily: FONT_FAMILY, fontSize: glyph, lineHeight: 1, color: SEAL_RED, textAlign: 'center', fontWeight: 700 }}>{char}</Text>
        </View>
      ))}
      <View style={{ position: 'absolute', left: 0, right: 0, top: size * 0.68 }}>
        <Text style={{ fontFamily: FONT_FAMILY, fontSize: size * 0.085, lineHeight: 1, color: SEAL_RED, textAlign: 'center', fontWeight: 700 }}>{label}</Text>
      </View>
    </View>
  );
}
