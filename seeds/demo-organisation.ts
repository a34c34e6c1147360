import type { Role } from '@yakuba/contracts';

/**
 * The demo town hall: Sumita town's departments (from its DX action plan) and a staff of 28 with positions.
 * Every account's password is DEMO_PASSWORD (default `yakuba-demo`). The names are invented.
 */
export interface DemoDepartment {
  code: string;
  name: string;
  nameEn: string;
}

export interface DemoUser {
  username: string;
  displayName: string;
  displayNameKana: string;
  department: string;
  position: string;
  roles?: Role[];
}

export const DEMO_DEPARTMENTS: DemoDepartment[] = [
  { code: 'executive', name: '町長・副町長', nameEn: 'Mayor and Deputy Mayor' },
  { code: 'somu', name: '総務課', nameEn: 'General Affairs' },
  { code: 'kikaku', name: '企画財政課', nameEn: 'Planning and Finance' },
  { code: 'chomin', name: '町民生活課', nameEn: 'Residents Affairs' },
  { code: 'zeimu', name: '税務課', nameEn: 'Taxation' },
  { code: 'hoken', name: '保健福祉課', nameEn: 'Health and Welfare' },
  { code: 'nosei', name: '農政課', nameEn: 'Agriculture' },
  { code: 'rinsei', name: '林政課', nameEn: 'Forestry' },
  { code: 'kensetsu', name: '建設課', nameEn: 'Construction' },
  { code: 'kyoiku', name: '教育委員会', nameEn: 'Board of Education' },
];

export const DEMO_USERS: DemoUser[] = [
  { username: 'admin', displayName: '管理 太郎', displayNameKana: 'かんり たろう', department: 'somu', position: '係長', roles: ['staff', 'admin'] },
  { username: 'chocho', displayName: '住田 一郎', displayNameKana: 'すみた いちろう', department: 'executive', position: '町長' },
  { username: 'fukuchocho', displayName: '世田米 次郎', displayNameKana: 'せたまい じろう', department: 'executive', position: '副町長' },
  { username: 'sato.somu', displayName: '佐藤 健一', displayNameKana: 'さとう けんいち', department: 'somu', position: '課長', roles: ['staff', 'disaster_officer'] },
  { username: 'suzuki.somu', displayName: '鈴木 花子', displayNameKana: 'すずき はなこ', department: 'somu', position: '主任' },
  { username: 'takahashi.somu', displayName: '高橋 翔', displayNameKana: 'たかはし しょう', department: 'somu', position: '主事' },
  { username: 'tanaka.kikaku', displayName: '田中 誠', displayNameKana: 'たなか まこと', department: 'kikaku', position: '課長' },
  { username: 'ito.kikaku', displayName: '伊藤 美咲', displayNameKana: 'いとう みさき', department: 'kikaku', position: '課長補佐', roles: ['staff', 'survey_admin'] },
  { username: 'watanabe.kikaku', displayName: '渡辺 大輔', displayNameKana: 'わたなべ だいすけ', department: 'kikaku', position: '主事' },
  { username: 'yamamoto.chomin', displayName: '山本 由美', displayNameKana: 'やまもと ゆみ', department: 'chomin', position: '課長' },
  { username: 'nakamura.chomin', displayName: '中村 拓也', displayNameKana: 'なかむら たくや', department: 'chomin', position: '係長' },
  { username: 'kobayashi.chomin', displayName: '小林 彩', displayNameKana: 'こばやし あや', department: 'chomin', position: '主事' },
  { username: 'kato.zeimu', displayName: '加藤 浩', displayNameKana: 'かとう ひろし', department: 'zeimu', position: '課長' },
  { username: 'yoshida.zeimu', displayName: '吉田 恵', displayNameKana: 'よしだ めぐみ', department: 'zeimu', position: '主任' },
  { username: 'yamada.hoken', displayName: '山田 直子', displayNameKana: 'やまだ なおこ', department: 'hoken', position: '課長' },
  { username: 'sasaki.hoken', displayName: '佐々木 亮', displayNameKana: 'ささき りょう', department: 'hoken', position: '係長' },
  { username: 'yamaguchi.hoken', displayName: '山口 愛', displayNameKana: 'やまぐち あい', department: 'hoken', position: '主事' },
  { username: 'matsumoto.nosei', displayName: '松本 剛', displayNameKana: 'まつもと つよし', department: 'nosei', position: '課長' },
  { username: 'inoue.nosei', displayName: '井上 早紀', displayNameKana: 'いのうえ さき', department: 'nosei', position: '主事' },
  { username: 'kimura.rinsei', displayName: '木村 修', displayNameKana: 'きむら おさむ', department: 'rinsei', position: '課長' },
  { username: 'hayashi.rinsei', displayName: '林 悠斗', displayNameKana: 'はやし ゆうと', department: 'rinsei', position: '主任' },
  { username: 'shimizu.kensetsu', displayName: '清水 隆', displayNameKana: 'しみず たかし', department: 'kensetsu', position: '課長' },
  { username: 'yamazaki.kensetsu', displayName: '山崎 裕子', displayNameKana: 'やまざき ゆうこ', department: 'kensetsu', position: '課長補佐' },
  { username: 'mori.kensetsu', displayName: '森 大地', displayNameKana: 'もり だいち', department: 'kensetsu', position: '主事' },
  { username: 'abe.kyoiku', displayName: '阿部 典子', displayNameKana: 'あべ のりこ', department: 'kyoiku', position: '課長' },
  { username: 'ikeda.kyoiku', displayName: '池田 聡', displayNameKana: 'いけだ さとし', department: 'kyoiku', position: '係長' },
  { username: 'hashimoto.kyoiku', displayName: '橋本 舞', displayNameKana: 'はしもと まい', department: 'kyoiku', position: '主事' },
  { username: 'ishikawa.somu', displayName: '石川 隼', displayNameKana: 'いしかわ しゅん', department: 'somu', position: '主事' },
];
