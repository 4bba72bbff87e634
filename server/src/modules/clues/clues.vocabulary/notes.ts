/**
 * Notes that are not new problems: thanks for a fix and follow-ups on an earlier report. Recognised so that
 * they are never offered as duplicates (a "路灯已经修好了，谢谢" note matched every open street-light report).
 * Data, not code: phrases a note contains, with example sentences each kind must and must not match
 * (clues.vocabulary.test.ts runs them). A thank-you needs both a thanks word and a word saying it is fixed (or the
 * state now: 现在…了), since many real reports end with 谢谢; praise of a person or a service is both at once.
 */
export const NOTES_VERSION = 10;

export const NOTE_VOCABULARY = {
  thanks: {
    thanks: ['谢谢', '感谢', '多谢', '唔该', '点赞', '点个赞', '赞一个', '辛苦', '好评', '支持！', '给力', '感恩', '表扬', '高兴', '都讲好', '都说好', '都夸'],
    /** Praise of a person or a service: thanks and the reason for it at once (王医生看病很耐心，点赞). */
    praise: ['表示满意', '非常满意', '很满意', '耐心', '态度蛮好', '态度很好', '态度好', '服务好', '服务很好', '很负责', '负责任', '效率蛮高', '效率很高', '好医生', '好干部'],
    fixed: ['修好了', '已经修好', '已修好', '已经亮了', '亮了', '已经解决', '解决了', '已解决', '填平了', '已经填平', '恢复了', '已恢复',
      '清理了', '已清理', '开门了', '清亮了', '没再', '处理好了', '已处理', '修复了', '已修复', '通水了', '来水了', '拉走了', '整改了',
      '送到了', '水通了', '通了', '清完了', '换了新的', '没再坏', '没坏过', '冇坏过', '填上了', '装上了', '换上了', '到账了', '发下来了', '能进来了', '能通行了', '有人管了', '终于', '弄好了', '灯好了', '已经好了',
      '清走了', '装好了', '天天来了', '进村了', '恢复供水', '恢复供电', '恢复通车', '恢复正常', '补上了', '补好了', '盖上了', '换了新', '热了', '热乎了',
      '不咸了', '不臭了', '不堵了', '不漏了', '不吵了', '不黑了', '不冷了', '不积水了', '站岗了', '顺多了', '安静多了', '干净多了', '顺畅多了', '好多了', '足了', '多开了',
      '换了之后', '修了之后', '装了之后', '弄了之后',
      // 粤: …返 is "back to how it was" (用返正常, 整返好, 着返晒), …咗 "done".
      '用返', '整返', '着返', '修返', '返正常', '通水', '换咗', '整好咗', '修好咗', '清通', '搞掂', '正常了', '已经装', '已经换', '已经清', '已经补', '已经修'],
    /** "现在…了" beside a thanks word: the state now is the fix (暖气现在热乎了，谢谢). */
    now: ['现在'],
    /** A fix that did not hold is a report again. */
    relapse: ['又坏', '还是不', '又不', '没修好', '还没', '还不'],
    positive: ['建设路的路灯昨天晚上已经亮了，谢谢城管的师傅们！', '路灯已经修好了，谢谢', '那个坑已经填平了，感谢相关部门', '水来了，通水了，感谢水利局',
      '垃圾今天全拉走了，感谢', '那道塌方清完了，车能进来了，感谢乡里', '暖气现在热乎了，屋里二十度，谢谢供热公司', '路口现在有交警执勤了，点赞', '卫生院的王医生看病很耐心，半夜还出诊，点赞',
      '补办社保卡十分钟就弄好了，服务态度很好', '来电人表示：卫生院现已安排夜间值班医生，对处理结果表示满意和感谢', '昨天晚上已经恢复供水了，感谢连夜抢修', '村里换了新水井，水不咸了，谢谢水利局', '暖气这两天热了，屋里二十一度了，谢谢', '路上的井盖补上了 谢谢', '电梯换咗新主板，今日用返正常，多谢物业', '啲路灯今晚全部着返晒，多谢城管嘅师傅', '落石的地方已经装了新的防护网，石头也清走了，说声谢谢',
      '路灯修好咧，谢谢城管', '送水车这几天天天来了，谢谢乡里', '暖气热啦，屋里二十度，谢谢热力公司',
      '水泵换了之后，楼上水压也足了，感谢！', '这几晚安静多了，交警天天在路口查，支持！', '挂号窗口多开了两个，十分钟就挂上了，点个赞'],
    negative: ['路灯坏了半个月了，麻烦尽快修，谢谢', '麻烦政协帮忙反映一下，谢谢了', '修好了又坏了，路灯还是不亮', '感谢政协，俺家停水一个礼拜了',
      '谢谢，现在暖气还没热', '对处理结果不是很满意，路灯还是不亮', '希望有关部门支持！村里的路太烂了', '水压还是不足，麻烦看看，谢谢',
      '门口新装了一个烧烤摊，油烟大得很，谢谢管一管'],
  },
  followup: {
    phrases: ['上次反映', '之前反映', '前几天反映', '上回反映', '再问一下', '再问问', '补充一下', '补充反映', '有进展没有', '有没有进展', '进展如何',
      '处理结果', '还没回复', '还没有回复', '没人回复', '再次反映', '第二次反映', '又反映', '追问', '反映过', '就提交了',
      '前反映', '之前问的', '上次问的', '回个话', '回复一下', '前面讲了', '前面说了', '之前说了', '反映了两', '反映了三', '反映了一个', '反映了好几',
      '反映了几', '讲了多少', '说了多少', '反映了多少', '上次讲', '上次说', '提过', '回个信', '的事报了', '平台上报过', '平台上反映', '反应过', '都反应了', '上回反应', '上次反应',
      '之前报过', '上次报过', '上回报过', '有没人跟', '有没有人跟', '有没人跟进'],
    /** Said before, in any county's words for "said" (讲, 说, 港, 反映): 上回港的, 港了几个月了. */
    patterns: ['(上回|上次|之前|前面|前几天|前两天|前些天|前些日子|前段时间|年时|夜来|上个月|上周|上礼拜|上星期)(讲|说|港|反映|反应|提|报过)',
      '(讲|说|港)了(快|都|有|差不多|将近)?(好)?(几|两|三|四|五|多少|一|半|十几)(个)?(多)?(月|天|周|礼拜|星期|回|次|趟|遍)',
      '(反映|反应|提|报)(了(快|都|有|差不多|将近)?|快|都|有|差不多|将近)(好)?(几|两|三|四|五|多少|一|半|十几)(个)?(多)?(月|天|周|礼拜|星期|回|次|趟|遍)',
      // The writer asking whether the matter they raised was dealt with (粉尘的事到底处理了冇).
      '(的事|这事|那事|这个事|那个事)(情)?(到底)?(处理|解决|办)(了|好了)?(冇|没有|没|吗|没得)[？?]',
      '(说是|说好|答应).{0,10}(都过了|没兑现)',
      // No word back on what the writer reported (not a unit's 再没下文 in a first report).
      '(反映|投诉|上报|提交|报过)(了|过)?.{0,12}(没下文|没有下文|没回音|没有回音|没个回音)', '第[二三四五六七八九两几十]次(反映|反应|投诉|打电话|来电|上报|找|问|催)'],
    positive: ['上次反映的停水的事，到现在还没回复，到底有没有人管？', '再问一下，退费的事有进展没有？', '之前反映的营养餐问题，请问处理结果是什么',
      '补充一下，那个垃圾站今天早上又是五点开始压', '押金那事我上个月就提交了，咋没下文了', '排污水的事反映过好几次了，昨晚又排了',
      '补贴的事港了几个月了，还是冇人收到一分钱', '上回港的那个唱歌的地方，晚上照样吵',
      '第三次反映了！化粪池的事上个月报过，到现在没人来', '小区电梯的事俺都反应过了 到现在还没人来修', '之前报过车库水浸，今日又浸咗，到底有冇人跟？',
      '前些日子反映的暖气不热，咋还没人来', '年时反映的那段路，到今年还没修',
      '垃圾站的事反映快一个月了，还是天天臭', '班车的事反应了快两个礼拜了，还是一天一趟', '上个月反映的水沟问题，回复讲已交办，到现在还冇见动静',
      '塌方的事前两天报过了，现在又塌了一块', '第四次问了！！石场粉尘的事到底处理了冇？'],
    negative: ['小区停水三天了，没人管', '营养餐的牛奶好久没发了', '垃圾站每天早上五点开始压垃圾',
      '暖气一直不热，热力公司来看过一回，说管子老化了，再没下文', '福利院的暖气片冰凉的，护工说报上去了没回音',
      '听说三天后停水，要停一个礼拜', '这个事到底归哪个管？', '物业说快两个月了还没修好'],
  },
} as const;

export type NoteKind = 'thanks' | 'followup';

const FOLLOWUP_PATTERNS = NOTE_VOCABULARY.followup.patterns.map((p) => new RegExp(p));
const NOW_PATTERNS = NOTE_VOCABULARY.thanks.now.map((p) => new RegExp(`${p}[^，。！？,.!?]*了`));

/** Whether a text is a thank-you for a fix or a follow-up on an earlier report (null: a report). */
export function noteKind(said: string): NoteKind | null {
  const t = NOTE_VOCABULARY;
  // 了 as the north and north-west say it at a clause's end (修好咧, 热啦, 亮喽).
  const text = said.replace(/[咧啦喽嘞](?=[，。！？,.!?~\s]|$)/g, '了');
  // Praise not denied (不是很满意, 态度不好 are complaints).
  const praise = t.thanks.praise.some((p) => {
    const i = text.indexOf(p);
    return i >= 0 && !/[不没]是?$/.test(text.slice(Math.max(0, i - 2), i));
  });
  // 对处理结果表示满意: a follow-up's words, said in thanks.
  if (!praise && (t.followup.phrases.some((p) => text.includes(p)) || FOLLOWUP_PATTERNS.some((r) => r.test(text)))) return 'followup';
  const fixedNow = NOW_PATTERNS.some((r) => r.test(text));
  if ((praise || t.thanks.thanks.some((p) => text.includes(p))) && (praise || fixedNow || t.thanks.fixed.some((p) => text.includes(p)))) {
    return t.thanks.relapse.some((p) => text.includes(p)) ? null : 'thanks';
  }
  return null;
}
