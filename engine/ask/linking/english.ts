/**
 * English names of chain entities, added to the dictionary as aliases of the Chinese names they
 * render, so English questions link to a graph written in Chinese. A general vocabulary of
 * industrial materials and products, Chinese regions and well-known companies, written from
 * common usage (not from any question set). A company's Chinese side lists the spellings the
 * Chinese sources use (联想 and 联想集团); every node carrying one of them gets the English name.
 */
const MATERIALS = `
crude oil|petroleum=原油; natural gas=天然气; liquefied natural gas|LNG=液化天然气; LPG|liquefied petroleum gas=液化气;
coal=煤|煤炭; coking coal=焦煤; thermal coal|steam coal=动力煤; coke=焦炭; coal tar=煤焦油; pitch|coal pitch=煤沥青;
asphalt|bitumen=沥青; diesel=柴油; gasoline|petrol=汽油; fuel oil=燃料油; kerosene|jet fuel=煤油|航空煤油;
naphtha=石脑油; residual oil|residue oil=渣油; heavy oil=重油; petroleum coke=石油焦; methane=甲烷; propane=丙烷;
ethylene=乙烯; propylene=丙烯; butadiene=丁二烯; benzene=苯|纯苯; crude benzene=粗苯; toluene=甲苯; xylene=二甲苯;
styrene=苯乙烯; methanol=甲醇; ethanol=乙醇; acetic acid=醋酸|乙酸; formaldehyde=甲醛; acetone=丙酮; phenol=苯酚;
aniline=苯胺; nitric acid=硝酸; sulfuric acid|sulphuric acid=硫酸; hydrochloric acid=盐酸; hydrogen chloride=氯化氢;
chlorine=氯气; caustic soda|sodium hydroxide=烧碱|氢氧化钠; soda ash|sodium carbonate=纯碱; calcium carbide=电石;
calcium oxide|quicklime=氧化钙; ammonia=合成氨|氨; urea=尿素; bromine=溴素; sulfur|sulphur=硫磺; carbon black=炭黑;
activated carbon=活性炭; white carbon black|precipitated silica=白炭黑; glycerol|glycerin=甘油; gelatin=明胶;
ethylene glycol=乙二醇; acrylic acid=丙烯酸; acrylonitrile=丙烯腈; caprolactam=己内酰胺; PTA|terephthalic acid=精对苯二甲酸|PTA;
polyurethane=聚氨酯; polymeric MDI|PMDI=聚合MDI; MDI=MDI; TDI|toluene diisocyanate=甲苯二异氰酸酯; melamine=三聚氰胺;
polyethylene|PE=聚乙烯; polypropylene|PP=聚丙烯; polyvinyl chloride|PVC=聚氯乙烯; polystyrene=聚苯乙烯;
PET|polyester=聚酯; nylon|polyamide=尼龙|聚酰胺; ABS resin=ABS; EVA=EVA; LLDPE=线型低密度聚乙烯; epoxy resin=环氧树脂;
acrylic resin=丙烯酸树脂; phenolic resin=酚醛树脂; urea-formaldehyde plastic=脲醛塑料; synthetic rubber=合成橡胶;
natural rubber=天然橡胶; rubber=橡胶; styrene-butadiene rubber|SBR=丁苯橡胶; polyisoprene=聚异戊二烯;
xylose=木糖; xylitol=木糖醇; starch=淀粉; cellulose=纤维素; wood pulp=木浆; viscose staple fibre|viscose fiber=粘胶短纤;
cotton linter=棉短绒; bagasse=甘蔗渣; plastic film=塑料薄膜; plastics=塑料; resin=树脂; paint|coatings=涂料|油漆;
dye|dyes=染料; pesticide|insecticide=农药|杀虫剂; fertilizer|fertiliser=化肥; feed|animal feed=饲料;
iron ore=铁矿石; pig iron=生铁; steel=钢材|钢铁; crude steel=粗钢; rebar=螺纹钢; wire rod=线材; slab=板坯;
hot-rolled coil=热轧卷板; cold-rolled sheet|cold-rolled steel=冷轧板|冷轧钢板; galvanized sheet|galvanised sheet=镀锌板;
color-coated sheet|colour-coated steel=彩涂板; medium plate|heavy plate=中厚板; stainless steel=不锈钢;
copper=铜|电解铜; copper ore|copper concentrate=铜矿|铜精矿; aluminium|aluminum=铝|电解铝; alumina=氧化铝;
aluminium alloy|aluminum alloy=铝合金; zinc=锌; lead price|lead prices|lead ore|lead metal=铅; tin=锡; nickel=镍; cobalt=钴; lithium=锂; magnesium=镁|镁锭;
titanium=钛; tungsten=钨; molybdenum=钼; manganese=锰; chromium=铬; vanadium=钒; gold=黄金|金; silver=白银|银;
platinum=铂|铂金; palladium=钯; rare earth|rare earths=稀土; silicon=硅|工业硅; polysilicon=多晶硅; quartz sand=石英砂;
lithium carbonate=碳酸锂; lithium hydroxide=氢氧化锂; lithium hexafluorophosphate=六氟磷酸锂; nickel sulfate=硫酸镍;
cobalt sulfate=硫酸钴; PrNd oxide=氧化镨钕; NdFeB magnet=钕铁硼永磁材料; graphite=石墨;
cement=水泥; ready-mixed concrete|commercial concrete=商品混凝土; glass=玻璃; float glass=浮法玻璃; glass fibre|glass fiber=玻璃纤维;
refractory materials|refractories=耐火材料; ceramics=陶瓷; paper=纸; household paper|tissue paper=生活用纸;
`;

const PRODUCTS = `
electrolyte=电解液; separator=隔膜; anode material=负极材料; cathode material=正极材料; NCM cathode=三元正极材料;
LFP cathode=磷酸铁锂正极材料; battery cell=电芯; power battery|traction battery=动力电池; lithium battery|lithium-ion battery=锂电池;
lead-acid battery=铅酸蓄电池; energy storage battery=储能电池系统; fuel cell system=燃料电池系统; fuel cell stack=燃料电池电堆;
perovskite solar cell|perovskite cell=钙钛矿电池; solar cell|photovoltaic cell=光伏电池|太阳能电池; wafer|silicon wafer=硅片;
automotive chip|automotive-grade chip=车规级芯片; automotive SoC=车载SoC芯片; chip|chips|semiconductor=芯片|半导体;
SiC power module=碳化硅功率模块; printed circuit board|PCB=印制电路板|PCB; transformer|transformers=变压器;
cable|cables=电缆; wire and cable=电线电缆; tire|tyre|tires|tyres=轮胎; engine=发动机; transmission|gearbox=变速器;
electric motor=电机; motorcycle=摩托车; electric motorcycle=电动摩托车; new energy vehicle|NEV=新能源汽车;
passenger car=乘用车; commercial vehicle=商用车; car body|body in white=车身; charging pile|charger=充电桩;
range extender=增程器; proton exchange membrane=质子交换膜; disc brake=盘式制动器; mobile phone|smartphone=手机;
refrigerator|fridge=冰箱; washing machine=洗衣机; air conditioner=空调; range hood=吸油烟机; gas stove=燃气灶;
soy sauce=酱油; beer=啤酒; dairy|liquid milk=液体乳; milk powder=奶粉; soft capsule=软胶囊; humanoid robot|humanoid robots=人形机器人;
traditional Chinese medicine|proprietary Chinese medicine=中成药; live hogs|hogs=生猪; steel structure=钢结构;
`;

const REGIONS = `
Chongqing=重庆市|重庆; Jiangxi=江西省|江西; Sichuan=四川省|四川; Qinghai=青海省|青海; Guangdong=广东省|广东;
Jiangsu=江苏省|江苏; Zhejiang=浙江省|浙江; Shanghai=上海市|上海; Beijing=北京市|北京; Fujian=福建省|福建;
Hubei=湖北省|湖北; Hunan=湖南省|湖南; Anhui=安徽省|安徽; Shandong=山东省|山东; Henan=河南省|河南; Shaanxi=陕西省|陕西;
Liangjiang New Area=两江新区; Yubei=渝北区; Changshou=长寿区; Jiangjin=江津区; Hechuan=合川区; Tongliang=铜梁区;
Fuling=涪陵区; Banan=巴南区; Shapingba=沙坪坝区; Jiulongpo=九龙坡区; Yongchuan=永川区; Bishan=璧山区;
Dadukou=大渡口区; Beibei=北碚区; Nan'an|Nanan=南岸区; Yuzhong=渝中区; Jiangbei=江北区; Qijiang=綦江区; Dazu=大足区;
Rongchang=荣昌区; Tongnan=潼南区; Wanzhou=万州区; Kaizhou=开州区; Liangping=梁平区; Fengdu=丰都县;
`;

const COMPANIES = `
Alibaba=阿里巴巴|阿里; Tencent=腾讯; Baidu=百度; JD.com|JD=京东|京东集团; Meituan=美团; ByteDance=字节跳动;
Huawei=华为; Xiaomi=小米|小米集团; Lenovo=联想|联想集团; ZTE=中兴通讯|中兴; BOE=京东方|京东方A;
CATL|Contemporary Amperex=宁德时代; BYD=比亚迪; Geely=吉利|吉利汽车; Great Wall Motor=长城汽车|长城; Changan|Changan Automobile=长安汽车|长安;
China Changan Automobile Group=中国长安汽车集团; SAIC|SAIC Motor=上汽集团|上汽; GAC|GAC Group=广汽集团|广汽; FAW|FAW Group=一汽集团|一汽;
Dongfeng|Dongfeng Motor=东风汽车集团有限公司|东风汽车|东风; Chery=奇瑞汽车|奇瑞; NIO=蔚来|蔚来汽车; XPeng=小鹏汽车|小鹏;
Li Auto=理想汽车|理想; Leapmotor=零跑汽车|零跑科技|零跑; Seres=赛力斯; Tesla=特斯拉; Volkswagen=大众; Toyota=丰田;
Honda=本田; Nissan=日产; Mercedes-Benz|Mercedes|Benz=奔驰; BMW=宝马; Stellantis=Stelantis集团|Stellantis;
Samsung=三星电子|三星集团|三星; Apple=苹果公司|苹果; Microsoft=微软; NVIDIA|Nvidia=英伟达; Intel=英特尔; AMD=超威半导体|AMD;
Qualcomm=高通; Google|Alphabet=谷歌; Amazon=亚马逊; Meta|Facebook=Meta; OpenAI=OpenAI; Sony=索尼; LG=LG;
Panasonic=松下; Bosch=博世; Siemens=西门子; General Electric|GE=通用电气; IBM=IBM; Motorola=摩托罗拉;
Foxconn=富士康|鸿海; Midea=美的集团|美的; Haier=海尔智家|海尔; Gree=格力电器|格力; Hisense=海信;
Sinopec=中国石化|中石化; PetroChina=中国石油|中石油; CNOOC=中国海油|中海油; State Grid=国家电网; China Mobile=中国移动;
China Telecom=中国电信; China Unicom=中国联通; Baowu|China Baowu=中国宝武|宝武; Baosteel=宝钢股份; Zijin Mining=紫金矿业;
Ganfeng Lithium=赣锋锂业; Tianqi Lithium=天齐锂业; LONGi=隆基绿能|隆基股份; Tongwei=通威股份; Sungrow=阳光电源;
Wanhua Chemical=万华化学; Sany=三一重工; XCMG=徐工机械; Zoomlion=中联重科; LiuGong=柳工; Weichai=潍柴动力;
Yutong=宇通客车; Moutai|Kweichow Moutai=贵州茅台; Yili=伊利股份|伊利; Mengniu=蒙牛; Haitian=海天味业; Muyuan=牧原股份;
Tsingtao Brewery=青岛啤酒; Unitree|Unitree Robotics=宇树科技; iFlytek=科大讯飞; SenseTime=商汤|商汤科技; Hesai=禾赛科技;
UBTech=优必选|优必选科技; Ant Group=蚂蚁集团; Yonghui=永辉超市|永辉; Zongshen=宗申动力|宗申; Loncin=隆鑫通用|隆鑫;
`;

function parse(block: string): Array<[string, string[]]> {
  return block
    .split(';')
    .map((pair) => pair.trim())
    .filter(Boolean)
    .map((pair) => {
      const [en, zh] = pair.split('=') as [string, string];
      return [en.trim(), zh.split('|').map((z) => z.trim())] as [string, string[]];
    })
    .flatMap(([en, zhs]) => zhs.map((zh) => [zh, en.split('|').map((e) => e.trim())] as [string, string[]]));
}

/** Chinese name → the English names it is known by. */
export const ENGLISH_NAMES: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, string[]>();
  for (const [zh, ens] of [MATERIALS, PRODUCTS, REGIONS, COMPANIES].flatMap(parse))
    map.set(zh, [...new Set([...(map.get(zh) ?? []), ...ens])]);
  return map;
})();
