// How an item is named on screen: its value, or its broker's name, with the user's label.
import type { ChecklistOverview } from '../../../shared/api/contract.js';
import type { ChecklistItem } from '../../../shared/checklist/items.js';

export function itemName(item: ChecklistItem, overview: Pick<ChecklistOverview, 'brokers'>): string {
  const broker = item.brokerId ? overview.brokers.find((b) => b.id === item.brokerId)?.name : undefined;
  const main = item.value || broker || item.label || 'Unnamed item';
  return item.label && item.label !== main ? `${main} (${item.label})` : main;
}
