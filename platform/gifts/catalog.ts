// The gift catalog: fixed here, prices in coins.
import type { Gift } from '../../common/platformApi/schemas';

export const giftCatalog: readonly Gift[] = [
  { giftId: 'flower', name: 'Flower', nameZh: '鲜花', price: 1, icon: '🌸' },
  { giftId: 'heart', name: 'Heart', nameZh: '爱心', price: 10, icon: '💖' },
  { giftId: 'rocket', name: 'Rocket', nameZh: '火箭', price: 100, icon: '🚀' },
  { giftId: 'crown', name: 'Crown', nameZh: '皇冠', price: 520, icon: '👑' },
];

export function findGift(giftId: string): Gift | undefined {
  return giftCatalog.find((g) => g.giftId === giftId);
}
