/**
 * The bundled emoji: a curated set of Twemoji pictures (@twemoji/svg, MIT; graphics CC-BY 4.0 by Twitter and
 * contributors) imported as Vite assets, so that every device draws the same picture from our own server whatever its
 * emoji font, and nothing comes from a CDN. Names are Japanese (the picker's search and labels). Generated from a list
 * of code points; a file name is the emoji's code points in hex, without U+FE0F unless joined with U+200D (Twemoji's rule).
 */
import e1f600 from '@twemoji/svg/1f600.svg';
import e1f603 from '@twemoji/svg/1f603.svg';
import e1f604 from '@twemoji/svg/1f604.svg';
import e1f601 from '@twemoji/svg/1f601.svg';
import e1f606 from '@twemoji/svg/1f606.svg';
import e1f605 from '@twemoji/svg/1f605.svg';
import e1f923 from '@twemoji/svg/1f923.svg';
import e1f602 from '@twemoji/svg/1f602.svg';
import e1f642 from '@twemoji/svg/1f642.svg';
import e1f60a from '@twemoji/svg/1f60a.svg';
import e1f607 from '@twemoji/svg/1f607.svg';
import e1f970 from '@twemoji/svg/1f970.svg';
import e1f60d from '@twemoji/svg/1f60d.svg';
import e1f929 from '@twemoji/svg/1f929.svg';
import e1f618 from '@twemoji/svg/1f618.svg';
import e1f60b from '@twemoji/svg/1f60b.svg';
import e1f60e from '@twemoji/svg/1f60e.svg';
import e1f914 from '@twemoji/svg/1f914.svg';
import e1f917 from '@twemoji/svg/1f917.svg';
import e1fae1 from '@twemoji/svg/1fae1.svg';
import e1f92d from '@twemoji/svg/1f92d.svg';
import e1f610 from '@twemoji/svg/1f610.svg';
import e1f611 from '@twemoji/svg/1f611.svg';
import e1f636 from '@twemoji/svg/1f636.svg';
import e1f644 from '@twemoji/svg/1f644.svg';
import e1f60f from '@twemoji/svg/1f60f.svg';
import e1f60c from '@twemoji/svg/1f60c.svg';
import e1f614 from '@twemoji/svg/1f614.svg';
import e1f62a from '@twemoji/svg/1f62a.svg';
import e1f634 from '@twemoji/svg/1f634.svg';
import e1f637 from '@twemoji/svg/1f637.svg';
import e1f912 from '@twemoji/svg/1f912.svg';
import e1f927 from '@twemoji/svg/1f927.svg';
import e1f975 from '@twemoji/svg/1f975.svg';
import e1f976 from '@twemoji/svg/1f976.svg';
import e1f635 from '@twemoji/svg/1f635.svg';
import e1f92f from '@twemoji/svg/1f92f.svg';
import e1f973 from '@twemoji/svg/1f973.svg';
import e1f615 from '@twemoji/svg/1f615.svg';
import e1f61f from '@twemoji/svg/1f61f.svg';
import e1f62e from '@twemoji/svg/1f62e.svg';
import e1f632 from '@twemoji/svg/1f632.svg';
import e1f633 from '@twemoji/svg/1f633.svg';
import e1f97a from '@twemoji/svg/1f97a.svg';
import e1f622 from '@twemoji/svg/1f622.svg';
import e1f62d from '@twemoji/svg/1f62d.svg';
import e1f631 from '@twemoji/svg/1f631.svg';
import e1f616 from '@twemoji/svg/1f616.svg';
import e1f623 from '@twemoji/svg/1f623.svg';
import e1f613 from '@twemoji/svg/1f613.svg';
import e1f629 from '@twemoji/svg/1f629.svg';
import e1f62b from '@twemoji/svg/1f62b.svg';
import e1f624 from '@twemoji/svg/1f624.svg';
import e1f621 from '@twemoji/svg/1f621.svg';
import e1f62c from '@twemoji/svg/1f62c.svg';
import e1f64f from '@twemoji/svg/1f64f.svg';
import e1f44d from '@twemoji/svg/1f44d.svg';
import e1f44e from '@twemoji/svg/1f44e.svg';
import e1f44c from '@twemoji/svg/1f44c.svg';
import e270c from '@twemoji/svg/270c.svg';
import e1f91e from '@twemoji/svg/1f91e.svg';
import e1f44f from '@twemoji/svg/1f44f.svg';
import e1f64c from '@twemoji/svg/1f64c.svg';
import e1f450 from '@twemoji/svg/1f450.svg';
import e1f91d from '@twemoji/svg/1f91d.svg';
import e1f4aa from '@twemoji/svg/1f4aa.svg';
import e1f44b from '@twemoji/svg/1f44b.svg';
import e270b from '@twemoji/svg/270b.svg';
import e1f446 from '@twemoji/svg/1f446.svg';
import e1f447 from '@twemoji/svg/1f447.svg';
import e1f449 from '@twemoji/svg/1f449.svg';
import e1f448 from '@twemoji/svg/1f448.svg';
import e261d from '@twemoji/svg/261d.svg';
import e270d from '@twemoji/svg/270d.svg';
import e1f647 from '@twemoji/svg/1f647.svg';
import e1f646 from '@twemoji/svg/1f646.svg';
import e1f645 from '@twemoji/svg/1f645.svg';
import e1f64b from '@twemoji/svg/1f64b.svg';
import e1f937 from '@twemoji/svg/1f937.svg';
import e1f440 from '@twemoji/svg/1f440.svg';
import e1f9e0 from '@twemoji/svg/1f9e0.svg';
import e2764 from '@twemoji/svg/2764.svg';
import e1f9e1 from '@twemoji/svg/1f9e1.svg';
import e1f49b from '@twemoji/svg/1f49b.svg';
import e1f49a from '@twemoji/svg/1f49a.svg';
import e1f499 from '@twemoji/svg/1f499.svg';
import e1f4af from '@twemoji/svg/1f4af.svg';
import e2705 from '@twemoji/svg/2705.svg';
import e2611 from '@twemoji/svg/2611.svg';
import e2714 from '@twemoji/svg/2714.svg';
import e274c from '@twemoji/svg/274c.svg';
import e2b55 from '@twemoji/svg/2b55.svg';
import e2757 from '@twemoji/svg/2757.svg';
import e2753 from '@twemoji/svg/2753.svg';
import e26a0 from '@twemoji/svg/26a0.svg';
import e1f6ab from '@twemoji/svg/1f6ab.svg';
import e26d4 from '@twemoji/svg/26d4.svg';
import e1f197 from '@twemoji/svg/1f197.svg';
import e1f195 from '@twemoji/svg/1f195.svg';
import e1f198 from '@twemoji/svg/1f198.svg';
import e1f534 from '@twemoji/svg/1f534.svg';
import e1f7e1 from '@twemoji/svg/1f7e1.svg';
import e1f7e2 from '@twemoji/svg/1f7e2.svg';
import e1f535 from '@twemoji/svg/1f535.svg';
import e2b50 from '@twemoji/svg/2b50.svg';
import e2728 from '@twemoji/svg/2728.svg';
import e1f389 from '@twemoji/svg/1f389.svg';
import e1f38a from '@twemoji/svg/1f38a.svg';
import e1f525 from '@twemoji/svg/1f525.svg';
import e1f4a1 from '@twemoji/svg/1f4a1.svg';
import e1f4a4 from '@twemoji/svg/1f4a4.svg';
import e1f4a6 from '@twemoji/svg/1f4a6.svg';
import e1f4a2 from '@twemoji/svg/1f4a2.svg';
import e1f514 from '@twemoji/svg/1f514.svg';
import e1f515 from '@twemoji/svg/1f515.svg';
import e1f4e2 from '@twemoji/svg/1f4e2.svg';
import e1f4e3 from '@twemoji/svg/1f4e3.svg';
import e1f199 from '@twemoji/svg/1f199.svg';
import e27a1 from '@twemoji/svg/27a1.svg';
import e2b05 from '@twemoji/svg/2b05.svg';
import e2b06 from '@twemoji/svg/2b06.svg';
import e2b07 from '@twemoji/svg/2b07.svg';
import e1f504 from '@twemoji/svg/1f504.svg';
import e1f4c4 from '@twemoji/svg/1f4c4.svg';
import e1f4d1 from '@twemoji/svg/1f4d1.svg';
import e1f4cb from '@twemoji/svg/1f4cb.svg';
import e1f4dd from '@twemoji/svg/1f4dd.svg';
import e1f4cc from '@twemoji/svg/1f4cc.svg';
import e1f4ce from '@twemoji/svg/1f4ce.svg';
import e1f4c5 from '@twemoji/svg/1f4c5.svg';
import e1f4c6 from '@twemoji/svg/1f4c6.svg';
import e23f0 from '@twemoji/svg/23f0.svg';
import e23f3 from '@twemoji/svg/23f3.svg';
import e231b from '@twemoji/svg/231b.svg';
import e1f4de from '@twemoji/svg/1f4de.svg';
import e1f4f1 from '@twemoji/svg/1f4f1.svg';
import e1f4bb from '@twemoji/svg/1f4bb.svg';
import e1f5a8 from '@twemoji/svg/1f5a8.svg';
import e1f4e7 from '@twemoji/svg/1f4e7.svg';
import e1f4e6 from '@twemoji/svg/1f4e6.svg';
import e1f4ca from '@twemoji/svg/1f4ca.svg';
import e1f4c8 from '@twemoji/svg/1f4c8.svg';
import e1f4c9 from '@twemoji/svg/1f4c9.svg';
import e1f5c2 from '@twemoji/svg/1f5c2.svg';
import e1f50d from '@twemoji/svg/1f50d.svg';
import e1f512 from '@twemoji/svg/1f512.svg';
import e1f511 from '@twemoji/svg/1f511.svg';
import e270f from '@twemoji/svg/270f.svg';
import e1f58a from '@twemoji/svg/1f58a.svg';
import e1f4b0 from '@twemoji/svg/1f4b0.svg';
import e1f3e2 from '@twemoji/svg/1f3e2.svg';
import e1f3eb from '@twemoji/svg/1f3eb.svg';
import e1f3e5 from '@twemoji/svg/1f3e5.svg';
import e1f697 from '@twemoji/svg/1f697.svg';
import e1f692 from '@twemoji/svg/1f692.svg';
import e1f691 from '@twemoji/svg/1f691.svg';
import e1f693 from '@twemoji/svg/1f693.svg';
import e1f6a7 from '@twemoji/svg/1f6a7.svg';
import e1f375 from '@twemoji/svg/1f375.svg';
import e2615 from '@twemoji/svg/2615.svg';
import e1f371 from '@twemoji/svg/1f371.svg';
import e1f359 from '@twemoji/svg/1f359.svg';
import e1f382 from '@twemoji/svg/1f382.svg';
import e1f381 from '@twemoji/svg/1f381.svg';
import e2600 from '@twemoji/svg/2600.svg';
import e26c5 from '@twemoji/svg/26c5.svg';
import e2601 from '@twemoji/svg/2601.svg';
import e1f327 from '@twemoji/svg/1f327.svg';
import e26c8 from '@twemoji/svg/26c8.svg';
import e1f329 from '@twemoji/svg/1f329.svg';
import e2744 from '@twemoji/svg/2744.svg';
import e26c4 from '@twemoji/svg/26c4.svg';
import e1f300 from '@twemoji/svg/1f300.svg';
import e1f30a from '@twemoji/svg/1f30a.svg';
import e1f32a from '@twemoji/svg/1f32a.svg';
import e1f4a7 from '@twemoji/svg/1f4a7.svg';
import e1f321 from '@twemoji/svg/1f321.svg';
import e2614 from '@twemoji/svg/2614.svg';
import e1f308 from '@twemoji/svg/1f308.svg';
import e1f338 from '@twemoji/svg/1f338.svg';
import e1f341 from '@twemoji/svg/1f341.svg';
import e1f332 from '@twemoji/svg/1f332.svg';
import e1f33e from '@twemoji/svg/1f33e.svg';
import e1f3e0 from '@twemoji/svg/1f3e0.svg';
import e26f0 from '@twemoji/svg/26f0.svg';
import e1f5fb from '@twemoji/svg/1f5fb.svg';

export type EmojiCategory = 'smileys' | 'hands' | 'symbols' | 'work' | 'nature';

export interface BundledEmoji {
  char: string;
  name: string;
  category: EmojiCategory;
  url: string;
}

export const EMOJI_SET: readonly BundledEmoji[] = [
  { char: '😀', name: 'にっこり', category: 'smileys', url: e1f600 },
  { char: '😃', name: '笑顔', category: 'smileys', url: e1f603 },
  { char: '😄', name: '笑い', category: 'smileys', url: e1f604 },
  { char: '😁', name: 'にやり', category: 'smileys', url: e1f601 },
  { char: '😆', name: '大笑い', category: 'smileys', url: e1f606 },
  { char: '😅', name: '苦笑い', category: 'smileys', url: e1f605 },
  { char: '🤣', name: '爆笑', category: 'smileys', url: e1f923 },
  { char: '😂', name: 'うれし泣き', category: 'smileys', url: e1f602 },
  { char: '🙂', name: 'ほほえみ', category: 'smileys', url: e1f642 },
  { char: '😊', name: '照れ笑い', category: 'smileys', url: e1f60a },
  { char: '😇', name: '天使', category: 'smileys', url: e1f607 },
  { char: '🥰', name: 'ハート笑顔', category: 'smileys', url: e1f970 },
  { char: '😍', name: '目がハート', category: 'smileys', url: e1f60d },
  { char: '🤩', name: '感激', category: 'smileys', url: e1f929 },
  { char: '😘', name: '投げキッス', category: 'smileys', url: e1f618 },
  { char: '😋', name: 'おいしい', category: 'smileys', url: e1f60b },
  { char: '😎', name: 'サングラス', category: 'smileys', url: e1f60e },
  { char: '🤔', name: '考え中', category: 'smileys', url: e1f914 },
  { char: '🤗', name: 'ハグ', category: 'smileys', url: e1f917 },
  { char: '🫡', name: '敬礼', category: 'smileys', url: e1fae1 },
  { char: '🤭', name: 'くすくす', category: 'smileys', url: e1f92d },
  { char: '😐', name: '無表情', category: 'smileys', url: e1f610 },
  { char: '😑', name: '真顔', category: 'smileys', url: e1f611 },
  { char: '😶', name: '無言', category: 'smileys', url: e1f636 },
  { char: '🙄', name: 'あきれ', category: 'smileys', url: e1f644 },
  { char: '😏', name: 'したり顔', category: 'smileys', url: e1f60f },
  { char: '😌', name: 'ほっと', category: 'smileys', url: e1f60c },
  { char: '😔', name: 'しょんぼり', category: 'smileys', url: e1f614 },
  { char: '😪', name: '眠い', category: 'smileys', url: e1f62a },
  { char: '😴', name: '睡眠', category: 'smileys', url: e1f634 },
  { char: '😷', name: 'マスク', category: 'smileys', url: e1f637 },
  { char: '🤒', name: '発熱', category: 'smileys', url: e1f912 },
  { char: '🤧', name: 'くしゃみ', category: 'smileys', url: e1f927 },
  { char: '🥵', name: '暑い', category: 'smileys', url: e1f975 },
  { char: '🥶', name: '寒い', category: 'smileys', url: e1f976 },
  { char: '😵', name: '目が回る', category: 'smileys', url: e1f635 },
  { char: '🤯', name: '驚愕', category: 'smileys', url: e1f92f },
  { char: '🥳', name: 'お祝い', category: 'smileys', url: e1f973 },
  { char: '😕', name: '困惑', category: 'smileys', url: e1f615 },
  { char: '😟', name: '心配', category: 'smileys', url: e1f61f },
  { char: '😮', name: 'びっくり', category: 'smileys', url: e1f62e },
  { char: '😲', name: '驚き', category: 'smileys', url: e1f632 },
  { char: '😳', name: '赤面', category: 'smileys', url: e1f633 },
  { char: '🥺', name: 'お願い', category: 'smileys', url: e1f97a },
  { char: '😢', name: '涙', category: 'smileys', url: e1f622 },
  { char: '😭', name: '号泣', category: 'smileys', url: e1f62d },
  { char: '😱', name: '恐怖', category: 'smileys', url: e1f631 },
  { char: '😖', name: '困った', category: 'smileys', url: e1f616 },
  { char: '😣', name: '我慢', category: 'smileys', url: e1f623 },
  { char: '😓', name: '冷や汗', category: 'smileys', url: e1f613 },
  { char: '😩', name: '疲れた', category: 'smileys', url: e1f629 },
  { char: '😫', name: 'くたくた', category: 'smileys', url: e1f62b },
  { char: '😤', name: 'むっ', category: 'smileys', url: e1f624 },
  { char: '😡', name: '怒り', category: 'smileys', url: e1f621 },
  { char: '😬', name: 'しまった', category: 'smileys', url: e1f62c },
  { char: '🙏', name: 'お願いします', category: 'smileys', url: e1f64f },
  { char: '👍', name: 'いいね', category: 'hands', url: e1f44d },
  { char: '👎', name: 'よくない', category: 'hands', url: e1f44e },
  { char: '👌', name: 'OK', category: 'hands', url: e1f44c },
  { char: '✌️', name: 'ピース', category: 'hands', url: e270c },
  { char: '🤞', name: '幸運を', category: 'hands', url: e1f91e },
  { char: '👏', name: '拍手', category: 'hands', url: e1f44f },
  { char: '🙌', name: 'ばんざい', category: 'hands', url: e1f64c },
  { char: '👐', name: '両手', category: 'hands', url: e1f450 },
  { char: '🤝', name: '握手', category: 'hands', url: e1f91d },
  { char: '💪', name: 'がんばる', category: 'hands', url: e1f4aa },
  { char: '👋', name: '手を振る', category: 'hands', url: e1f44b },
  { char: '✋', name: '挙手', category: 'hands', url: e270b },
  { char: '👆', name: '上を指す', category: 'hands', url: e1f446 },
  { char: '👇', name: '下を指す', category: 'hands', url: e1f447 },
  { char: '👉', name: '右を指す', category: 'hands', url: e1f449 },
  { char: '👈', name: '左を指す', category: 'hands', url: e1f448 },
  { char: '☝️', name: 'ひとつ', category: 'hands', url: e261d },
  { char: '✍️', name: '記入', category: 'hands', url: e270d },
  { char: '🙇', name: 'おじぎ', category: 'hands', url: e1f647 },
  { char: '🙆', name: 'OKポーズ', category: 'hands', url: e1f646 },
  { char: '🙅', name: 'NGポーズ', category: 'hands', url: e1f645 },
  { char: '🙋', name: 'はい', category: 'hands', url: e1f64b },
  { char: '🤷', name: 'わからない', category: 'hands', url: e1f937 },
  { char: '👀', name: '見ています', category: 'hands', url: e1f440 },
  { char: '🧠', name: 'アイデア', category: 'hands', url: e1f9e0 },
  { char: '❤️', name: 'ハート', category: 'symbols', url: e2764 },
  { char: '🧡', name: 'オレンジのハート', category: 'symbols', url: e1f9e1 },
  { char: '💛', name: '黄色のハート', category: 'symbols', url: e1f49b },
  { char: '💚', name: '緑のハート', category: 'symbols', url: e1f49a },
  { char: '💙', name: '青のハート', category: 'symbols', url: e1f499 },
  { char: '💯', name: '満点', category: 'symbols', url: e1f4af },
  { char: '✅', name: '確認済み', category: 'symbols', url: e2705 },
  { char: '☑️', name: 'チェック', category: 'symbols', url: e2611 },
  { char: '✔️', name: 'チェックマーク', category: 'symbols', url: e2714 },
  { char: '❌', name: 'ばつ', category: 'symbols', url: e274c },
  { char: '⭕', name: 'まる', category: 'symbols', url: e2b55 },
  { char: '❗', name: '重要', category: 'symbols', url: e2757 },
  { char: '❓', name: '質問', category: 'symbols', url: e2753 },
  { char: '⚠️', name: '注意', category: 'symbols', url: e26a0 },
  { char: '🚫', name: '禁止', category: 'symbols', url: e1f6ab },
  { char: '⛔', name: '進入禁止', category: 'symbols', url: e26d4 },
  { char: '🆗', name: 'OKボタン', category: 'symbols', url: e1f197 },
  { char: '🆕', name: '新着', category: 'symbols', url: e1f195 },
  { char: '🆘', name: 'SOS', category: 'symbols', url: e1f198 },
  { char: '🔴', name: '赤丸', category: 'symbols', url: e1f534 },
  { char: '🟡', name: '黄丸', category: 'symbols', url: e1f7e1 },
  { char: '🟢', name: '緑丸', category: 'symbols', url: e1f7e2 },
  { char: '🔵', name: '青丸', category: 'symbols', url: e1f535 },
  { char: '⭐', name: '星', category: 'symbols', url: e2b50 },
  { char: '✨', name: 'きらきら', category: 'symbols', url: e2728 },
  { char: '🎉', name: 'クラッカー', category: 'symbols', url: e1f389 },
  { char: '🎊', name: 'くす玉', category: 'symbols', url: e1f38a },
  { char: '🔥', name: '炎', category: 'symbols', url: e1f525 },
  { char: '💡', name: 'ひらめき', category: 'symbols', url: e1f4a1 },
  { char: '💤', name: '休憩', category: 'symbols', url: e1f4a4 },
  { char: '💦', name: '汗', category: 'symbols', url: e1f4a6 },
  { char: '💢', name: 'いらいら', category: 'symbols', url: e1f4a2 },
  { char: '🔔', name: '通知', category: 'symbols', url: e1f514 },
  { char: '🔕', name: '通知オフ', category: 'symbols', url: e1f515 },
  { char: '📢', name: 'お知らせ', category: 'symbols', url: e1f4e2 },
  { char: '📣', name: '呼びかけ', category: 'symbols', url: e1f4e3 },
  { char: '🆙', name: 'アップ', category: 'symbols', url: e1f199 },
  { char: '➡️', name: '右矢印', category: 'symbols', url: e27a1 },
  { char: '⬅️', name: '左矢印', category: 'symbols', url: e2b05 },
  { char: '⬆️', name: '上矢印', category: 'symbols', url: e2b06 },
  { char: '⬇️', name: '下矢印', category: 'symbols', url: e2b07 },
  { char: '🔄', name: '更新', category: 'symbols', url: e1f504 },
  { char: '📄', name: '書類', category: 'work', url: e1f4c4 },
  { char: '📑', name: '資料', category: 'work', url: e1f4d1 },
  { char: '📋', name: 'クリップボード', category: 'work', url: e1f4cb },
  { char: '📝', name: 'メモ', category: 'work', url: e1f4dd },
  { char: '📌', name: 'ピン', category: 'work', url: e1f4cc },
  { char: '📎', name: 'クリップ', category: 'work', url: e1f4ce },
  { char: '📅', name: 'カレンダー', category: 'work', url: e1f4c5 },
  { char: '📆', name: '日程', category: 'work', url: e1f4c6 },
  { char: '⏰', name: '時計', category: 'work', url: e23f0 },
  { char: '⏳', name: '待機中', category: 'work', url: e23f3 },
  { char: '⌛', name: '砂時計', category: 'work', url: e231b },
  { char: '📞', name: '電話', category: 'work', url: e1f4de },
  { char: '📱', name: '携帯電話', category: 'work', url: e1f4f1 },
  { char: '💻', name: 'パソコン', category: 'work', url: e1f4bb },
  { char: '🖨️', name: 'プリンター', category: 'work', url: e1f5a8 },
  { char: '📧', name: 'メール', category: 'work', url: e1f4e7 },
  { char: '📦', name: '荷物', category: 'work', url: e1f4e6 },
  { char: '📊', name: 'グラフ', category: 'work', url: e1f4ca },
  { char: '📈', name: '増加', category: 'work', url: e1f4c8 },
  { char: '📉', name: '減少', category: 'work', url: e1f4c9 },
  { char: '🗂️', name: 'ファイル', category: 'work', url: e1f5c2 },
  { char: '🔍', name: '検索', category: 'work', url: e1f50d },
  { char: '🔒', name: '鍵', category: 'work', url: e1f512 },
  { char: '🔑', name: 'キー', category: 'work', url: e1f511 },
  { char: '✏️', name: '鉛筆', category: 'work', url: e270f },
  { char: '🖊️', name: 'ペン', category: 'work', url: e1f58a },
  { char: '💰', name: '予算', category: 'work', url: e1f4b0 },
  { char: '🏢', name: '庁舎', category: 'work', url: e1f3e2 },
  { char: '🏫', name: '学校', category: 'work', url: e1f3eb },
  { char: '🏥', name: '病院', category: 'work', url: e1f3e5 },
  { char: '🚗', name: '公用車', category: 'work', url: e1f697 },
  { char: '🚒', name: '消防車', category: 'work', url: e1f692 },
  { char: '🚑', name: '救急車', category: 'work', url: e1f691 },
  { char: '🚓', name: 'パトカー', category: 'work', url: e1f693 },
  { char: '🚧', name: '工事中', category: 'work', url: e1f6a7 },
  { char: '🍵', name: 'お茶', category: 'work', url: e1f375 },
  { char: '☕', name: 'コーヒー', category: 'work', url: e2615 },
  { char: '🍱', name: 'お弁当', category: 'work', url: e1f371 },
  { char: '🍙', name: 'おにぎり', category: 'work', url: e1f359 },
  { char: '🎂', name: '誕生日', category: 'work', url: e1f382 },
  { char: '🎁', name: 'プレゼント', category: 'work', url: e1f381 },
  { char: '☀️', name: '晴れ', category: 'nature', url: e2600 },
  { char: '⛅', name: 'くもり時々晴れ', category: 'nature', url: e26c5 },
  { char: '☁️', name: 'くもり', category: 'nature', url: e2601 },
  { char: '🌧️', name: '雨', category: 'nature', url: e1f327 },
  { char: '⛈️', name: '雷雨', category: 'nature', url: e26c8 },
  { char: '🌩️', name: '雷', category: 'nature', url: e1f329 },
  { char: '❄️', name: '雪', category: 'nature', url: e2744 },
  { char: '⛄', name: '雪だるま', category: 'nature', url: e26c4 },
  { char: '🌀', name: '台風', category: 'nature', url: e1f300 },
  { char: '🌊', name: '波', category: 'nature', url: e1f30a },
  { char: '🌪️', name: '竜巻', category: 'nature', url: e1f32a },
  { char: '💧', name: '水', category: 'nature', url: e1f4a7 },
  { char: '🌡️', name: '気温', category: 'nature', url: e1f321 },
  { char: '☔', name: '傘', category: 'nature', url: e2614 },
  { char: '🌈', name: '虹', category: 'nature', url: e1f308 },
  { char: '🌸', name: '桜', category: 'nature', url: e1f338 },
  { char: '🍁', name: '紅葉', category: 'nature', url: e1f341 },
  { char: '🌲', name: '森林', category: 'nature', url: e1f332 },
  { char: '🌾', name: '稲穂', category: 'nature', url: e1f33e },
  { char: '🏠', name: '家', category: 'nature', url: e1f3e0 },
  { char: '⛰️', name: '山', category: 'nature', url: e26f0 },
  { char: '🗻', name: '富士山', category: 'nature', url: e1f5fb },
];
