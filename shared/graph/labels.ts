/**
 * Free-text labels (interests, needs, offers, tags, companies) compared the way
 * people mean them: case, spacing and a plural "s" do not matter
 * ("UX Researchers" = "ux researcher").
 */
export function labelKey(label: string): string {
  const words = label.toLowerCase().normalize('NFKC').trim().split(/\s+/);
  const last = words.length - 1;
  const tail = words[last] ?? '';
  if (tail.length > 3 && tail.endsWith('s') && !tail.endsWith('ss')) words[last] = tail.slice(0, -1);
  return words.join(' ');
}

/** The first word of a name, for sentences ("Priya" for "Priya Raman"). */
export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name;
}

/** "a", "a and b", "a, b and c". */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] as string}`;
}
