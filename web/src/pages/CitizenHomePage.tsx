/**
 * Where a guardian or a young person lands after signing in with BankID: the family's own part of
 * Samplan (issue 5, web/src/family), with its own routes under /familj.
 */
import { FamilyApp } from '../family/FamilyApp.tsx';

export function CitizenHomePage({ name }: { name: string }) {
  return <FamilyApp name={name} />;
}
