import { icuFormatter, type MailLocale, mailLocales, matchMailLocale } from '../notifications/messages.ts';

/**
 * The convening notice, one template per language of the forum (ICU MessageFormat). Dates and
 * times show in the meeting's own time zone, named, so every delegation reads the same instant.
 */
export const noticeTemplates: Record<MailLocale, { text: string; online: string; hybrid: string }> = {
  en: {
    text: 'CONVENING NOTICE\n\n{meetingName}\n{title}\n\nThe Secretariat has the honour to inform the participating delegations that the {meetingName} will be held from {start, date, full}, {start, time, short} to {end, date, full}, {end, time, short} ({zone}).\nVenue: {venue}\n\nDelegations are requested to register through Concord by {registrationDeadline, date, long}, {registrationDeadline, time, short} ({zone}), and to submit documents by {documentsDeadline, date, long}, {documentsDeadline, time, short} ({zone}).\n\nProvisional agenda:\n{agenda}',
    online: 'online',
    hybrid: '{place}, and online',
  },
  ru: {
    text: 'УВЕДОМЛЕНИЕ О СОЗЫВЕ\n\n{meetingName}\n{title}\n\nСекретариат имеет честь сообщить делегациям-участницам, что мероприятие «{meetingName}» состоится с {start, date, full}, {start, time, short} по {end, date, full}, {end, time, short} ({zone}).\nМесто проведения: {venue}\n\nДелегациям предлагается зарегистрироваться в Concord до {registrationDeadline, date, long}, {registrationDeadline, time, short} ({zone}) и представить документы до {documentsDeadline, date, long}, {documentsDeadline, time, short} ({zone}).\n\nПредварительная повестка дня:\n{agenda}',
    online: 'онлайн',
    hybrid: '{place}, а также онлайн',
  },
  zh: {
    text: '会议召开通知\n\n{meetingName}\n{title}\n\n秘书处谨通知各与会代表团：{meetingName}将于{start, date, full} {start, time, short}至{end, date, full} {end, time, short}（{zone}）举行。\n地点：{venue}\n\n请各代表团于{registrationDeadline, date, long} {registrationDeadline, time, short}（{zone}）前通过 Concord 登记，并于{documentsDeadline, date, long} {documentsDeadline, time, short}（{zone}）前提交文件。\n\n临时议程：\n{agenda}',
    online: '线上',
    hybrid: '{place}，并同时线上举行',
  },
  vi: {
    text: 'THÔNG BÁO TRIỆU TẬP\n\n{meetingName}\n{title}\n\nBan Thư ký trân trọng thông báo tới các đoàn tham dự rằng {meetingName} sẽ diễn ra từ {start, date, full}, {start, time, short} đến {end, date, full}, {end, time, short} ({zone}).\nĐịa điểm: {venue}\n\nĐề nghị các đoàn đăng ký qua Concord trước {registrationDeadline, date, long}, {registrationDeadline, time, short} ({zone}) và nộp tài liệu trước {documentsDeadline, date, long}, {documentsDeadline, time, short} ({zone}).\n\nChương trình nghị sự tạm thời:\n{agenda}',
    online: 'trực tuyến',
    hybrid: '{place}, và trực tuyến',
  },
  ar: {
    text: 'إشعار بعقد الاجتماع\n\n{meetingName}\n{title}\n\nتتشرف الأمانة بإبلاغ الوفود المشاركة بأن {meetingName} سيُعقد من {start, date, full}، {start, time, short} إلى {end, date, full}، {end, time, short} ({zone}).\nالمكان: {venue}\n\nيُرجى من الوفود التسجيل عبر Concord قبل {registrationDeadline, date, long}، {registrationDeadline, time, short} ({zone})، وتقديم الوثائق قبل {documentsDeadline, date, long}، {documentsDeadline, time, short} ({zone}).\n\nجدول الأعمال المؤقت:\n{agenda}',
    online: 'عبر الإنترنت',
    hybrid: '{place}، وعبر الإنترنت',
  },
  fa: {
    text: 'اطلاعیهٔ تشکیل نشست\n\n{meetingName}\n{title}\n\nدبیرخانه به اطلاع هیئت‌های شرکت‌کننده می‌رساند که {meetingName} از {start, date, full}، {start, time, short} تا {end, date, full}، {end, time, short} ({zone}) برگزار می‌شود.\nمحل: {venue}\n\nاز هیئت‌ها درخواست می‌شود تا {registrationDeadline, date, long}، {registrationDeadline, time, short} ({zone}) در Concord ثبت‌نام کنند و اسناد را تا {documentsDeadline, date, long}، {documentsDeadline, time, short} ({zone}) ارسال کنند.\n\nدستور کار موقت:\n{agenda}',
    online: 'برخط',
    hybrid: '{place}، و به‌صورت برخط',
  },
  kk: {
    text: 'ШАҚЫРУ ТУРАЛЫ ХАБАРЛАМА\n\n{meetingName}\n{title}\n\nХатшылық қатысушы делегацияларға {meetingName} жиыны {start, date, full}, {start, time, short} бастап {end, date, full}, {end, time, short} дейін ({zone}) өтетінін хабарлайды.\nӨтетін орны: {venue}\n\nДелегациялардан Concord жүйесінде {registrationDeadline, date, long}, {registrationDeadline, time, short} ({zone}) дейін тіркелуді және құжаттарды {documentsDeadline, date, long}, {documentsDeadline, time, short} ({zone}) дейін ұсынуды сұраймыз.\n\nУақытша күн тәртібі:\n{agenda}',
    online: 'онлайн',
    hybrid: '{place}, сондай-ақ онлайн',
  },
  tr: {
    text: 'TOPLANTIYA ÇAĞRI\n\n{meetingName}\n{title}\n\nSekretarya, katılımcı heyetlere {meetingName} toplantısının {start, date, full}, {start, time, short} ile {end, date, full}, {end, time, short} ({zone}) arasında yapılacağını bildirmekten onur duyar.\nYer: {venue}\n\nHeyetlerin {registrationDeadline, date, long}, {registrationDeadline, time, short} ({zone}) tarihine kadar Concord üzerinden kayıt yaptırmaları ve belgeleri {documentsDeadline, date, long}, {documentsDeadline, time, short} ({zone}) tarihine kadar sunmaları rica olunur.\n\nGeçici gündem:\n{agenda}',
    online: 'çevrim içi',
    hybrid: '{place} ve çevrim içi',
  },
};

export interface NoticeValues {
  meetingName: string;
  title: string;
  start: Date;
  end: Date;
  zone: string;
  place: string;
  format: 'in-person' | 'online' | 'hybrid';
  registrationDeadline: Date;
  documentsDeadline: Date;
  agenda: string;
}

/** The notice in `language` (English when the forum uses a language we have no template for). */
export function renderNotice(language: string, v: NoticeValues): string {
  const locale = matchMailLocale(language);
  const t = noticeTemplates[locale];
  const venue = v.format === 'online' ? t.online : v.format === 'hybrid' ? String(icuFormatter(t.hybrid, locale, v.zone).format({ place: v.place })) : v.place;
  return String(
    icuFormatter(t.text, locale, v.zone).format({
      meetingName: v.meetingName,
      title: v.title,
      start: v.start,
      end: v.end,
      zone: v.zone,
      venue,
      registrationDeadline: v.registrationDeadline,
      documentsDeadline: v.documentsDeadline,
      agenda: v.agenda,
    }),
  );
}

/** An instant for a person: their language, their time zone, the zone named. */
export function formatInstant(d: Date, language: string | null | undefined, timeZone: string | null | undefined): string {
  const locale = matchMailLocale(language);
  let tz = timeZone || 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
  } catch {
    tz = 'UTC';
  }
  return new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short', timeZone: tz }).format(d) + ` (${tz})`;
}

export const noticeLocales = mailLocales;
