/**
 * An account number as groups of digits that a line may break between, never inside: on a phone in English it broke
 * "2011 0000 3388 0101 6" after "3388 0". A number stored without spaces is shown in fours, as banks print them.
 */
export function accountNumberGroups(accountNo: string): string[] {
  const groups = accountNo.trim().split(/\s+/).filter(Boolean);
  return groups.length === 1 && groups[0]!.length > 8 ? groups[0]!.match(/.{1,4}/g)! : groups;
}
