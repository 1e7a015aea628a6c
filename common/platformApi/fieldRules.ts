// The words of the platform API's field rules, in English and Simplified Chinese: the request schemas name
// them, and the platform's refusals find the Chinese again by the English zod keeps.
/**
 * The rules the request schemas name (`.min(3, fieldRules.userIdShort.en)`): zod keeps only the English, so
 * the Chinese is found again by it.
 */
export const fieldRules = {
  userIdShort: { en: 'A user ID needs at least 3 characters.', zh: '用户 ID 至少需要 3 个字符。' },
  userIdLong: { en: 'A user ID may have at most 32 characters.', zh: '用户 ID 最多 32 个字符。' },
  userIdChars: {
    en: 'A user ID may contain only letters, digits, "_" and "-".',
    zh: '用户 ID 只能包含字母、数字、“_”和“-”。',
  },
  relayUserId: { en: 'a user ID is 1–32 letters, digits, _ or -', zh: '用户 ID 是 1–32 个字母、数字、_ 或 -' },
  passwordShort: { en: 'A password needs at least 6 characters.', zh: '密码至少需要 6 个字符。' },
  passwordLong: { en: 'A password may have at most 200 characters.', zh: '密码最多 200 个字符。' },
  nicknameMissing: { en: 'A nickname is required.', zh: '需要填写昵称。' },
  nicknameLong: { en: 'A nickname may have at most 40 characters.', zh: '昵称最多 40 个字符。' },
  titleMissing: { en: 'A room needs a title.', zh: '房间需要一个标题。' },
  titleLong: { en: 'A title may have at most 80 characters.', zh: '标题最多 80 个字符。' },
  giftCountWhole: { en: 'A gift count is a whole number.', zh: '礼物数量必须是整数。' },
  giftCountLow: { en: 'Send at least one gift.', zh: '至少要送一份礼物。' },
  giftCountHigh: { en: 'At most 9999 gifts at once.', zh: '一次最多送 9999 份礼物。' },
  requestIdShort: { en: 'A request ID needs at least 8 characters.', zh: '请求 ID 至少需要 8 个字符。' },
  requestIdLong: { en: 'A request ID may have at most 64 characters.', zh: '请求 ID 最多 64 个字符。' },
} satisfies Record<string, { en: string; zh: string }>;
