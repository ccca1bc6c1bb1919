/**
 * An account number as groups of digits that a line may break between, never inside: on a phone in English it broke
 * "2011 0000 3388 0101 6" after "3388 0". A run of more than eight digits (a number stored without spaces, or one long
 * group) is shown in fours, as banks print them, so that no group is wider than the phone.
 */
export function accountNumberGroups(accountNo: string): string[] {
  return accountNo
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((group) => (group.length > 8 ? group.match(/.{1,4}/g)! : [group]));
}
