/**
 * The relevance fixture: short documents in fifteen languages and queries a delegate would type, each
 * with the documents it must return in the first ten hits. Every language has distractors (texts on
 * other subjects in the same language), and the queries exercise what the analyser must do there:
 * dictionary segmentation (zh, ja, th, km, lo, my), typed words that are several words (秘书处预算),
 * optional diacritics (vi), stemming (en, ru, ar, tr), prefixes for agglutinative languages (tr, kk,
 * mn, ko), Persian yeh and kaf written the Arabic way, and NFKC (full-width Latin).
 */
export interface FixtureDoc {
  id: string;
  lang: string;
  title: string;
  text: string;
}

export interface FixtureQuery {
  lang: string;
  q: string;
  /** Ids that must be among the first ten hits. */
  expect: string[];
}

export const fixtureDocs: FixtureDoc[] = [
  // Chinese
  { id: 'zh-1', lang: 'zh', title: '建立信任措施目录', text: '成员国在第六次外长会议上通过了更新后的亚信建立信任措施目录，涵盖军事政治、新威胁新挑战、经济、生态和人文五个领域。' },
  { id: 'zh-2', lang: 'zh', title: '秘书处年度报告', text: '秘书处提交了下一年度的预算草案，高官委员会以协商一致方式予以批准。' },
  { id: 'zh-3', lang: 'zh', title: '反恐合作', text: '各方同意加强打击恐怖主义、分裂主义和极端主义的合作，并交流边境管理经验。' },
  { id: 'zh-4', lang: 'zh', title: '旅游论坛', text: '亚信旅游论坛在撒马尔罕举行，讨论了文化遗产保护与青年交流。' },
  // Japanese
  { id: 'ja-1', lang: 'ja', title: '信頼醸成措置の実施', text: '加盟国は信頼醸成措置の実施状況を報告し、次年度の行動計画を採択した。' },
  { id: 'ja-2', lang: 'ja', title: '事務局の予算', text: '事務局は来年度の予算案を高級事務レベル委員会に提出した。' },
  { id: 'ja-3', lang: 'ja', title: '観光フォーラム', text: '観光と文化交流に関するフォーラムが開催された。' },
  // Thai
  { id: 'th-1', lang: 'th', title: 'มาตรการสร้างความไว้วางใจ', text: 'ประเทศสมาชิกได้ทบทวนการดำเนินมาตรการสร้างความไว้วางใจในเอเชียในมิติทางการทหารและการเมือง' },
  { id: 'th-2', lang: 'th', title: 'การต่อต้านการก่อการร้าย', text: 'ที่ประชุมเห็นชอบให้เพิ่มความร่วมมือในการต่อต้านการก่อการร้ายและการค้ายาเสพติด' },
  { id: 'th-3', lang: 'th', title: 'งบประมาณของสำนักเลขาธิการ', text: 'สำนักเลขาธิการเสนองบประมาณประจำปีต่อคณะกรรมการเจ้าหน้าที่อาวุโส' },
  // Khmer
  { id: 'km-1', lang: 'km', title: 'វិធានការ​កសាង​ទំនុកចិត្ត', text: 'រដ្ឋ​សមាជិក​បាន​ពិនិត្យ​ការ​អនុវត្ត​វិធានការ​កសាង​ទំនុកចិត្ត​ក្នុង​តំបន់​អាស៊ី។' },
  { id: 'km-2', lang: 'km', title: 'ថវិកា​លេខាធិការដ្ឋាន', text: 'លេខាធិការដ្ឋាន​បាន​រៀបចំ​ថវិកា​ប្រចាំ​ឆ្នាំ​ជូន​គណៈកម្មាធិការ​មន្ត្រី​ជាន់ខ្ពស់។' },
  { id: 'km-3', lang: 'km', title: 'វេទិកា​ទេសចរណ៍', text: 'វេទិកា​ទេសចរណ៍​និង​វប្បធម៌​ត្រូវ​បាន​រៀបចំ​ឡើង។' },
  // Lao
  { id: 'lo-1', lang: 'lo', title: 'ມາດຕະການສ້າງຄວາມໄວ້ວາງໃຈ', text: 'ປະເທດສະມາຊິກໄດ້ທົບທວນມາດຕະການສ້າງຄວາມໄວ້ວາງໃຈໃນອາຊີ' },
  { id: 'lo-2', lang: 'lo', title: 'ກອງປະຊຸມລັດຖະມົນຕີ', text: 'ກອງປະຊຸມລັດຖະມົນຕີວ່າການກະຊວງການຕ່າງປະເທດໄດ້ຮັບຮອງເອົາຖະແຫຼງການ' },
  // Burmese
  { id: 'my-1', lang: 'my', title: 'ယုံကြည်မှုတည်ဆောက်ရေး အစီအမံများ', text: 'အဖွဲ့ဝင်နိုင်ငံများသည် အာရှတွင် ယုံကြည်မှုတည်ဆောက်ရေး အစီအမံများကို ပြန်လည်သုံးသပ်ခဲ့သည်။' },
  { id: 'my-2', lang: 'my', title: 'အတွင်းရေးမှူးရုံး၏ ဘတ်ဂျက်', text: 'အတွင်းရေးမှူးရုံးသည် နှစ်စဉ်ဘတ်ဂျက်ကို တင်သွင်းခဲ့သည်။' },
  // Vietnamese
  { id: 'vi-1', lang: 'vi', title: 'Biện pháp xây dựng lòng tin', text: 'Các quốc gia thành viên đã xem xét việc thực hiện các biện pháp xây dựng lòng tin trong lĩnh vực quân sự - chính trị.' },
  { id: 'vi-2', lang: 'vi', title: 'Ủy ban Quan chức Cấp cao', text: 'Ủy ban Quan chức Cấp cao đã đạt được đồng thuận về ngân sách của Ban Thư ký.' },
  { id: 'vi-3', lang: 'vi', title: 'Thủ tục im lặng', text: 'Dự thảo quyết định được thông qua theo thủ tục im lặng sau hai tuần.' },
  { id: 'vi-4', lang: 'vi', title: 'Diễn đàn du lịch', text: 'Diễn đàn du lịch đã thảo luận về đông đảo du khách và dòng người tham quan.' },
  // Russian
  { id: 'ru-1', lang: 'ru', title: 'Каталог мер доверия', text: 'Государства-члены обновили каталог мер доверия СВМДА в военно-политическом измерении.' },
  { id: 'ru-2', lang: 'ru', title: 'Бюджет Секретариата', text: 'Комитет старших должностных лиц утвердил бюджет Секретариата на следующий год.' },
  { id: 'ru-3', lang: 'ru', title: 'Борьба с терроризмом', text: 'Стороны договорились расширить сотрудничество в борьбе с терроризмом и незаконным оборотом наркотиков.' },
  // Arabic
  { id: 'ar-1', lang: 'ar', title: 'تدابير بناء الثقة', text: 'استعرضت الدول الأعضاء تنفيذ تدابير بناء الثقة في البعد العسكري والسياسي.' },
  { id: 'ar-2', lang: 'ar', title: 'ميزانية الأمانة العامة', text: 'اعتمدت لجنة كبار المسؤولين ميزانية الأمانة العامة للعام المقبل.' },
  { id: 'ar-3', lang: 'ar', title: 'مكافحة الإرهاب', text: 'اتفق الأطراف على تعزيز التعاون في مكافحة الإرهاب والاتجار بالمخدرات.' },
  // Persian (ru-2 style text written with Arabic yeh and kaf in fa-2)
  { id: 'fa-1', lang: 'fa', title: 'اقدامات اعتمادساز', text: 'کشورهای عضو اجرای اقدامات اعتمادسازی در بعد نظامی و سیاسی را بررسی کردند.' },
  { id: 'fa-2', lang: 'fa', title: 'بودجه دبيرخانه', text: 'كميته مقامات ارشد بودجه دبيرخانه را براي سال آينده تصويب كرد.' },
  { id: 'fa-3', lang: 'fa', title: 'مبارزه با تروریسم', text: 'طرفین توافق کردند همکاری در مبارزه با تروریسم و قاچاق مواد مخدر را گسترش دهند.' },
  // Turkish
  { id: 'tr-1', lang: 'tr', title: 'Güven artırıcı önlemler', text: 'Üye devletler güven artırıcı önlemlerin uygulanmasını gözden geçirdi.' },
  { id: 'tr-2', lang: 'tr', title: 'Zirve bildirisi', text: 'Devlet başkanları zirvede ortak bildirisini kabul etti ve toplantısında terörle mücadeleyi ele aldı.' },
  { id: 'tr-3', lang: 'tr', title: 'Sekretaryanın bütçesi', text: 'Kıdemli Memurlar Komitesi sekretaryanın bütçesini onayladı.' },
  // Korean
  { id: 'ko-1', lang: 'ko', title: '신뢰구축조치 이행', text: '회원국들은 군사·정치 분야의 신뢰구축조치 이행 상황을 검토하였다.' },
  { id: 'ko-2', lang: 'ko', title: '사무국 예산', text: '고위관리위원회는 회의에서 사무국의 예산안을 승인하였다.' },
  { id: 'ko-3', lang: 'ko', title: '관광 포럼', text: '관광과 문화 교류에 관한 포럼이 개최되었다.' },
  // Mongolian (Cyrillic)
  { id: 'mn-1', lang: 'mn', title: 'Итгэлцлийг бэхжүүлэх арга хэмжээ', text: 'Гишүүн орнууд Азийн аюулгүй байдлын чиглэлээр итгэлцлийг бэхжүүлэх арга хэмжээг хэлэлцэв.' },
  { id: 'mn-2', lang: 'mn', title: 'Нарийн бичгийн газрын төсөв', text: 'Ахлах албан тушаалтны хороо нарийн бичгийн газрын төсвийг баталлаа.' },
  { id: 'mn-3', lang: 'mn', title: 'Аялал жуулчлалын форум', text: 'Соёлын солилцооны асуудлаар форум зохион байгуулагдав.' },
  // Kazakh
  { id: 'kk-1', lang: 'kk', title: 'Сенім шаралары', text: 'Мүше мемлекеттер сенім шараларының орындалуын қарады.' },
  { id: 'kk-2', lang: 'kk', title: 'Хатшылықтың бюджеті', text: 'Аға лауазымды тұлғалар комитеті Хатшылықтың бюджетін бекітті.' },
  { id: 'kk-3', lang: 'kk', title: 'Кеңестің отырысы', text: 'Сыртқы істер министрлері кеңесінің отырысы Астанада өтті.' },
  // English
  { id: 'en-1', lang: 'en', title: 'Catalogue of confidence-building measures', text: 'The member states updated the catalogue of CICA confidence-building measures in the military-political dimension.' },
  { id: 'en-2', lang: 'en', title: 'Budget of the Secretariat', text: 'The Senior Officials Committee approved the budget of the Secretariat for the next year.' },
  { id: 'en-3', lang: 'en', title: 'Countering terrorism', text: 'The parties agreed to strengthen cooperation in countering terrorism and drug trafficking.' },
];

export const fixtureQueries: FixtureQuery[] = [
  { lang: 'zh', q: '建立信任措施', expect: ['zh-1'] },
  { lang: 'zh', q: '信任措施', expect: ['zh-1'] },
  { lang: 'zh', q: '秘书处预算', expect: ['zh-2'] },
  { lang: 'zh', q: '恐怖主义', expect: ['zh-3'] },
  { lang: 'ja', q: '信頼醸成措置', expect: ['ja-1'] },
  { lang: 'ja', q: '事務局 予算', expect: ['ja-2'] },
  { lang: 'th', q: 'ความไว้วางใจ', expect: ['th-1'] },
  { lang: 'th', q: 'การก่อการร้าย', expect: ['th-2'] },
  { lang: 'th', q: 'งบประมาณ', expect: ['th-3'] },
  { lang: 'km', q: 'ទំនុកចិត្ត', expect: ['km-1'] },
  { lang: 'km', q: 'លេខាធិការដ្ឋាន', expect: ['km-2'] },
  { lang: 'lo', q: 'ຄວາມໄວ້ວາງໃຈ', expect: ['lo-1'] },
  { lang: 'lo', q: 'ລັດຖະມົນຕີ', expect: ['lo-2'] },
  { lang: 'my', q: 'ယုံကြည်မှု', expect: ['my-1'] },
  { lang: 'my', q: 'ဘတ်ဂျက်', expect: ['my-2'] },
  { lang: 'vi', q: 'dong thuan', expect: ['vi-2'] },
  { lang: 'vi', q: 'lòng tin', expect: ['vi-1'] },
  { lang: 'vi', q: 'thu tuc im lang', expect: ['vi-3'] },
  { lang: 'vi', q: 'ngân sách Ban Thư ký', expect: ['vi-2'] },
  { lang: 'ru', q: 'мера доверия', expect: ['ru-1'] },
  { lang: 'ru', q: 'бюджет секретариата', expect: ['ru-2'] },
  { lang: 'ru', q: 'терроризм', expect: ['ru-3'] },
  { lang: 'ar', q: 'الثقة', expect: ['ar-1'] },
  { lang: 'ar', q: 'ميزانية', expect: ['ar-2'] },
  { lang: 'ar', q: 'الإرهاب', expect: ['ar-3'] },
  { lang: 'fa', q: 'اعتمادسازی', expect: ['fa-1'] },
  { lang: 'fa', q: 'کمیته بودجه دبیرخانه', expect: ['fa-2'] },
  { lang: 'fa', q: 'تروریسم', expect: ['fa-3'] },
  { lang: 'tr', q: 'güven', expect: ['tr-1'] },
  { lang: 'tr', q: 'bildiri', expect: ['tr-2'] },
  { lang: 'tr', q: 'toplantı', expect: ['tr-2'] },
  { lang: 'tr', q: 'sekretarya bütçe', expect: ['tr-3'] },
  { lang: 'ko', q: '신뢰구축', expect: ['ko-1'] },
  { lang: 'ko', q: '사무국 예산', expect: ['ko-2'] },
  { lang: 'ko', q: '회의', expect: ['ko-2'] },
  { lang: 'mn', q: 'Ази аюулгүй', expect: ['mn-1'] },
  { lang: 'mn', q: 'төсөв', expect: ['mn-2'] },
  { lang: 'mn', q: 'итгэлцлийг', expect: ['mn-1'] },
  { lang: 'kk', q: 'сенім', expect: ['kk-1'] },
  { lang: 'kk', q: 'хатшылық бюджет', expect: ['kk-2'] },
  { lang: 'kk', q: 'кеңес', expect: ['kk-3'] },
  { lang: 'en', q: 'measure', expect: ['en-1'] },
  { lang: 'en', q: 'confidence-building', expect: ['en-1'] },
  { lang: 'en', q: 'ＣＩＣＡ catalogue', expect: ['en-1'] },
  { lang: 'en', q: 'secretariat budgets', expect: ['en-2'] },
];
