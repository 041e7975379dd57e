import type { DB } from '../../db/database.ts';
import type { Ctx } from '../../shared/context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { readProfile } from '../profile/profile.repository.ts';
import { agendaOrder, numberAgenda } from './agenda.ts';
import * as repo from './meetings.repository.ts';
import { renderNotice } from './notice.ts';
import { meetingName } from './ordinal.ts';

const DAY = 24 * 3600_000;

/** Midnight-based instant in Astana (UTC+5) `days` from now at `hour`:00 local time. */
function astana(now: Date, days: number, hour: number): Date {
  const d = new Date(now.getTime() + days * DAY);
  const day = d.toISOString().slice(0, 10);
  return new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+05:00`);
}

type Titles = Record<'en' | 'ru' | 'zh' | 'vi' | 'ar' | 'fa' | 'kk' | 'tr', string>;

/** The demo meeting's title in every language the interface offers (the forum's working languages first). */
const meetingTitle: Titles = {
  en: 'Senior Officials Committee, Astana',
  ru: 'Комитет старших должностных лиц, Астана',
  zh: '高官委员会，阿斯塔纳',
  vi: 'Ủy ban Quan chức Cao cấp, Astana',
  ar: 'لجنة كبار المسؤولين، أستانا',
  fa: 'کمیتهٔ مقامات ارشد، آستانه',
  kk: 'Аға лауазымды тұлғалар комитеті, Астана',
  tr: 'Kıdemli Yetkililer Komitesi, Astana',
};

const agenda: Array<Titles & { children?: Titles[] }> = [
  { en: 'Opening of the meeting', ru: 'Открытие заседания', zh: '会议开幕', vi: 'Khai mạc cuộc họp', ar: 'افتتاح الاجتماع', fa: 'افتتاح نشست', kk: 'Отырыстың ашылуы', tr: 'Toplantının açılışı' },
  { en: 'Adoption of the agenda', ru: 'Утверждение повестки дня', zh: '通过议程', vi: 'Thông qua chương trình nghị sự', ar: 'إقرار جدول الأعمال', fa: 'تصویب دستور کار', kk: 'Күн тәртібін бекіту', tr: 'Gündemin kabulü' },
  {
    en: 'Implementation of confidence-building measures',
    ru: 'Осуществление мер доверия',
    zh: '信任措施的落实',
    vi: 'Thực hiện các biện pháp xây dựng lòng tin',
    ar: 'تنفيذ تدابير بناء الثقة',
    fa: 'اجرای اقدامات اعتمادساز',
    kk: 'Сенім шараларын жүзеге асыру',
    tr: 'Güven artırıcı önlemlerin uygulanması',
    children: [
      { en: 'Report of the Secretariat', ru: 'Доклад Секретариата', zh: '秘书处的报告', vi: 'Báo cáo của Ban Thư ký', ar: 'تقرير الأمانة', fa: 'گزارش دبیرخانه', kk: 'Хатшылықтың баяндамасы', tr: 'Sekreterya raporu' },
      {
        en: 'Reports of the coordinating member states',
        ru: 'Доклады государств-координаторов',
        zh: '协调国的报告',
        vi: 'Báo cáo của các quốc gia thành viên điều phối',
        ar: 'تقارير الدول الأعضاء المنسِّقة',
        fa: 'گزارش‌های کشورهای عضو هماهنگ‌کننده',
        kk: 'Үйлестіруші мүше мемлекеттердің баяндамалары',
        tr: 'Koordinatör üye devletlerin raporları',
      },
    ],
  },
  {
    en: 'Preparations for the Ministerial Council',
    ru: 'Подготовка к Совещанию министров иностранных дел',
    zh: '外长理事会的筹备工作',
    vi: 'Chuẩn bị cho Hội đồng Bộ trưởng',
    ar: 'التحضير للمجلس الوزاري',
    fa: 'آماده‌سازی برای شورای وزیران',
    kk: 'Сыртқы істер министрлері кеңесіне дайындық',
    tr: 'Bakanlar Konseyi hazırlıkları',
  },
  { en: 'Date and venue of the next meeting', ru: 'Дата и место следующего заседания', zh: '下次会议的日期和地点', vi: 'Thời gian và địa điểm cuộc họp tiếp theo', ar: 'موعد الاجتماع القادم ومكانه', fa: 'زمان و مکان نشست بعدی', kk: 'Келесі отырыстың күні мен орны', tr: 'Bir sonraki toplantının tarihi ve yeri' },
  { en: 'Closing of the meeting', ru: 'Закрытие заседания', zh: '会议闭幕', vi: 'Bế mạc cuộc họp', ar: 'اختتام الاجتماع', fa: 'اختتام نشست', kk: 'Отырыстың жабылуы', tr: 'Toplantının kapanışı' },
];

/**
 * The demo meeting: the Senior Officials Committee in Astana, hybrid, convened two weeks ahead with
 * its provisional agenda and its notice in the forum's languages, every member state invited and
 * Japan as an observer. Written with the demo's system actor and audited like any change.
 */
export async function loadMeetingsDemo(trx: DB, ctx: Ctx): Promise<string[]> {
  const body = await repo.findBody(trx, 'SOC');
  if (!body) return [];
  const now = ctx.clock.now();
  const ordinal = await repo.nextOrdinal(trx, 'SOC');
  const members = await repo.partiesOfKind(trx, 'member-state');
  const observers = await repo.partiesByCodes(trx, ['JP']);
  const chair = members.find((p) => p.code === 'AZ') ?? null;
  const startsAt = astana(now, 14, 10);
  const endsAt = astana(now, 15, 18);
  const registrationDeadline = astana(now, 10, 18);
  const documentsDeadline = astana(now, 7, 18);
  const row = await repo.insertMeeting(trx, {
    body_code: 'SOC',
    ordinal,
    title: JSON.stringify(meetingTitle),
    starts_at: startsAt,
    ends_at: endsAt,
    time_zone: 'Asia/Almaty',
    venue_city: 'Astana',
    venue_country: 'KZ',
    online_url: 'https://meet.example.org/cica-soc',
    format: 'hybrid',
    status: 'convened',
    presiding_party_id: chair?.id ?? null,
    papers_access: 'members-and-observers',
    speaking_time_seconds: 300,
    registration_deadline: registrationDeadline,
    documents_deadline: documentsDeadline,
    convened_at: now,
    created_at: now,
    updated_at: now,
  });
  await repo.replaceInvitations(trx, row.id, [...members.map((p) => ({ partyId: p.id, role: 'member' as const })), ...observers.map((p) => ({ partyId: p.id, role: 'observer' as const }))]);
  let position = 0;
  for (const { children, ...title } of agenda) {
    const parent = await repo.insertItem(trx, { meeting_id: row.id, parent_id: null, position: position++, title: JSON.stringify(title), status: 'listed', created_at: now });
    let sub = 0;
    for (const child of children ?? []) {
      await repo.insertItem(trx, { meeting_id: row.id, parent_id: parent.id, position: sub++, title: JSON.stringify(child), status: 'listed', created_at: now });
    }
  }
  const items = await repo.itemsOf(trx, row.id);
  const numbers = numberAgenda(items);
  const profile = (await readProfile(trx)) as { officialLanguages?: string[]; workingLanguages?: string[] } | null;
  const bodyNames = body.names as Record<string, string>;
  const notice: Record<string, string> = {};
  for (const lang of [...new Set([...(profile?.officialLanguages ?? []), ...(profile?.workingLanguages ?? []), 'en'])]) {
    notice[lang] = renderNotice(lang, {
      meetingName: meetingName(lang, ordinal, bodyNames[lang] ?? bodyNames.en ?? 'SOC'),
      title: meetingTitle[lang as keyof Titles] ?? meetingTitle.en,
      start: startsAt,
      end: endsAt,
      zone: 'Asia/Almaty',
      place: lang === 'ru' ? 'Астана, Казахстан' : 'Astana, Kazakhstan',
      format: 'hybrid',
      registrationDeadline,
      documentsDeadline,
      agenda: agendaOrder(items)
        .map((i) => `${numbers.get(i.id)}. ${(i.title as Record<string, string>)[lang] ?? (i.title as Record<string, string>).en}`)
        .join('\n'),
    });
  }
  await repo.updateMeeting(trx, row.id, { notice: JSON.stringify(notice) });
  await recordAudit(trx, ctx, { action: 'meetings.create', objectType: 'meeting', objectId: row.id, after: { demo: true, body: 'SOC', ordinal, status: 'convened' } });
  return [`Meetings: the ${meetingName('en', ordinal, bodyNames.en ?? 'SOC')} in Astana (hybrid), convened, with a ${items.length}-item agenda.`];
}
