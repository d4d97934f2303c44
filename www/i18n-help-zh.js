// The field help of the guided forms in Chinese: each schema description (www/schema/*.schema.json,
// the engine's input schemas and the Documents and PACT tabs' metas; English only) mapped to its
// Simplified Chinese translation, in the terms of GB/T 24067-2024 / ISO 14067. form.js loads this
// module when the page is in Chinese (never on the first load) and shows the translation as the
// field's help, the English as its title. Keys are the descriptions exactly as in the schemas,
// listed by the first schema that has them; identifiers, units and file names stay as written
// (in backticks). tests/node/page-help-zh.test.mjs checks that every description has its
// translation (it lists the missing ones) and no key is left without a description.
export const HELP_ZH = {
  // pcf-1.schema.json
  "One activity line: an amount, and what it is an amount of.\n\nExactly one of `factor`, `factor_select`, `inline_factor` or `input` says what the amount\nis of.":
    "一条活动数据行：一个数量，以及该数量所指的对象。`factor`、`factor_select`、`inline_factor` 和 `input` 中恰好给出一项，说明该数量是什么的数量。",
  "The amount, finite and not negative.":
    "数量，须为有限值且不为负。",
  "Reporting group for the per-component breakdown (lines of a component belong to it).":
    "按组件细分时的报告分组（组件的活动行归属于该组件）。",
  "Data-quality information.":
    "数据质量信息。",
  "Id of an emission factor in the built-in or user tables.":
    "内置或用户排放因子表中某一排放因子的编号。",
  "A factor chosen by series, geography and year (instead of an id).":
    "按系列、地区和年份选择的排放因子（代替因子编号）。",
  "Optional id of the line (unique within the document when given).":
    "该活动行的编号，可选（给出时须在本文件内唯一）。",
  "A factor given in the line itself, with its source.":
    "直接在本行中给出的排放因子，并注明其来源。",
  "Id of a component of this document whose output this line uses.":
    "本文件中某一组件的编号，本行使用该组件的产出。",
  "What the line is, in words.":
    "用文字说明该活动行是什么。",
  "Free text.":
    "自由文本。",
  "Life-cycle stage (one of the boundary's stages). Lines of a component default to the\ncomponent's stage.":
    "生命周期阶段（须为系统边界内的阶段之一）。组件的活动行默认采用该组件的阶段。",
  "Uncertainty of the amount, for `pcf uncertainty` (Monte Carlo); it changes no figure\nof `compute`. Not allowed on `input` lines.":
    "数量的不确定性，供 `pcf uncertainty`（蒙特卡洛模拟）使用；不改变 `compute` 的任何结果。`input` 行不允许设置。",
  "Unit of the amount; converted to the factor's unit.":
    "数量的单位；计算时换算为排放因子的单位。",
  "Allocation of a multi-output process: the share of its burden that the modelled product\ncarries.":
    "多产出过程的分配：所研究产品承担的该过程负荷的份额。",
  "Why this method (required by the ISO 14067 hierarchy for `economic` and `explicit`).":
    "选择该方法的理由（ISO 14067 的分配优先顺序要求对 `economic` 和 `explicit` 说明理由）。",
  "`mass`, `energy`, `economic` or `explicit`.":
    "`mass`、`energy`、`economic` 或 `explicit`。",
  "Every output of the process, the modelled product included.":
    "该过程的全部产出，包括所研究的产品。",
  "Index in `outputs` of the modelled product (default 0).":
    "所研究产品在 `outputs` 中的索引（默认为 0）。",
  "One output of a multi-output process.":
    "多产出过程的一项产出。",
  "Amount of this output per run.":
    "每次运行该过程时此项产出的数量。",
  "Energy content of the whole amount in MJ, for `energy` when the unit is not energy.":
    "全部数量所含的能量（MJ），用于 `energy` 分配且单位不是能量单位时。",
  "Name.":
    "名称。",
  "Price per unit, for `economic`.":
    "单价，用于 `economic` 分配。",
  "Share, for `explicit` (shares sum to 1).":
    "份额，用于 `explicit` 分配（各份额之和为 1）。",
  "Its unit (a mass unit for `mass`; an energy unit for `energy` unless `energy_mj` is given).":
    "其单位（`mass` 分配须为质量单位；`energy` 分配须为能量单位，除非给出 `energy_mj`）。",
  "The uncertainty of a line's amount: a distribution and its parameters, in the line's own\n`unit` (`gsd` is dimensionless). `lognormal` takes `gsd` (≥ 1; the amount is the median),\n`normal` takes `sd` (the amount is the mean), `triangular` takes `min`, `mode`, `max`\nand `uniform` takes `min`, `max` (the amount must lie within [min, max]).":
    "活动行数量的不确定性：一种概率分布及其参数，采用该行自身的 `unit`（`gsd` 无量纲）。`lognormal` 取 `gsd`（≥ 1；该数量为中位数），`normal` 取 `sd`（该数量为均值），`triangular` 取 `min`、`mode`、`max`，`uniform` 取 `min`、`max`（该数量须位于 [min, max] 之内）。",
  "`lognormal`, `normal`, `triangular` or `uniform`.":
    "`lognormal`、`normal`、`triangular` 或 `uniform`。",
  "Geometric standard deviation (lognormal).":
    "几何标准差（对数正态分布）。",
  "Upper bound (triangular, uniform).":
    "上限（三角分布、均匀分布）。",
  "Lower bound (triangular, uniform).":
    "下限（三角分布、均匀分布）。",
  "Mode (triangular).":
    "众数（三角分布）。",
  "Standard deviation (normal).":
    "标准差（正态分布）。",
  "The system boundary.":
    "系统边界。",
  "Cut-off criteria, in words.":
    "用文字说明的取舍准则。",
  "`cradle-to-gate`, `cradle-to-grave`, `gate-to-gate` or `partial`.":
    "`cradle-to-gate`（从摇篮到大门）、`cradle-to-grave`（从摇篮到坟墓）、`gate-to-gate`（从大门到大门）或 `partial`（部分碳足迹）。",
  "The life-cycle stages included, in reporting order; every line names one of them.":
    "纳入的生命周期阶段，按报告顺序排列；每条活动行都须指明其中之一。",
  "A sub-product: modelled by its own lines per `output`, or by a supplier's declared footprint.":
    "子产品：按每单位 `output` 用其自身的活动行建模，或采用供应商声明的碳足迹。",
  "Its activity lines, per `output`.":
    "其活动数据行，按每单位 `output` 计。",
  "Allocation of its process among co-products.":
    "其过程在联产品之间的分配。",
  "A supplier's declared footprint, used instead of lines.":
    "供应商声明的碳足迹，代替活动行使用。",
  "Its direct gas emissions, per `output`.":
    "其直接温室气体排放，按每单位 `output` 计。",
  "Id, unique among components; lines use it in `input`.":
    "编号，在各组件之间唯一；活动行在 `input` 中引用它。",
  "How much of the component its lines make (one run of its process). Required unless\n`declared` is given.":
    "其活动行所产出的组件数量（其过程运行一次的产量）。除非给出 `declared`，否则必填。",
  "Where a declared footprint imported from a PACT ProductFootprint comes from (written by\n`pcf pact import`): its id, company, spec version, verification, data quality and\nvalidity period, checked against the reference period.":
    "从 PACT ProductFootprint 导入的声明碳足迹的来源信息（由 `pcf pact import` 写入）：其编号、公司、规范版本、核查、数据质量和有效期，并与数据时间范围进行核对。",
  "Default stage of its lines.":
    "其活动行的默认阶段。",
  "A contractual instrument for electricity.":
    "一项电力合同工具。",
  "Evidence: certificate numbers, trading-platform record, contract reference.":
    "证明材料：证书编号、交易平台记录、合同编号。",
  "kWh covered.":
    "覆盖的电量（kWh）。",
  "What it is (e.g. \"GEC green electricity certificates\", \"PPA with wind farm X\").":
    "说明是什么（例如“GEC 绿色电力证书”“与某风电场签订的 PPA”）。",
  "Cut-off criteria.":
    "取舍准则。",
  "The criteria in words (e.g. \"flows below 1 % of mass and of emissions\").":
    "用文字说明的准则（例如“质量和排放量均低于 1 % 的流”）。",
  "The estimated share of the footprint excluded, 0–1.":
    "估计被排除部分占碳足迹的比例，0–1。",
  "The largest share of the footprint the criteria allow to exclude, 0–1.":
    "准则允许排除的碳足迹最大比例，0–1。",
  "Data-quality information of a line.":
    "活动行的数据质量信息。",
  "Geographical representativeness, 1 to 5.":
    "地理代表性，1 至 5。",
  "Precision (PEF data-quality rating), 1 to 5.":
    "精确度（PEF 数据质量评级），1 至 5。",
  "Primary (measured at the supplier's site) rather than secondary data.":
    "初级数据（在供应商现场实测），而非次级数据。",
  "Technological representativeness, 1 (very good) to 5 (very poor).":
    "技术代表性，1（很好）至 5（很差）。",
  "Temporal (time-related) representativeness, 1 to 5.":
    "时间代表性，1 至 5。",
  "A footprint declared by a supplier: `kg_co2e` per `per`.":
    "供应商声明的碳足迹：每 `per` 的 `kg_co2e`。",
  "The GWP set of the declaration (`AR4`, `AR5`, `AR6` or `unspecified`).":
    "该声明采用的 GWP 版本（`AR4`、`AR5`、`AR6` 或 `unspecified`）。",
  "kg CO2e per `per`, biogenic CO2 uptake excluded: finite; not negative without\n`parts` (with them it may be, its removals outweighing its emissions, as PACT v3's\n`pcfExcludingBiogenicUptake` may).":
    "每 `per` 的 kg CO2e，不含生物源 CO2 吸收：须为有限值；没有 `parts` 时不得为负（有 `parts` 时可以为负，即其移除量超过排放量，正如 PACT v3 的 `pcfExcludingBiogenicUptake` 所允许的）。",
  "The parts of the footprint the supplier declares (fossil, biogenic, land-use change,\nuptake, removals, carbon contents …), per `per`, as `pcf pact import` writes them. With\nthem, the line counts the total including biogenic CO2 uptake and reports each part;\nwithout them, `kg_co2e` is an unsplit total.":
    "供应商声明的碳足迹各组成部分（化石、生物源、土地利用变化、吸收、移除、碳含量 …），按每 `per` 计，格式与 `pcf pact import` 写入的相同。给出这些部分时，该行计入包含生物源 CO2 吸收的总量，并分别报告各部分；未给出时，`kg_co2e` 为未拆分的总量。",
  "The declared unit of the supplier's footprint.":
    "供应商碳足迹的声明单位。",
  "Who declared it and how it was checked.":
    "由谁声明，以及如何核查。",
  "The parts a supplier declares with its footprint, per the declared quantity\n(`declared.per`): every one optional. The total excluding biogenic CO2 uptake is\nthe declaration's `kg_co2e`; `pcf_excluding_biogenic_uptake` here, when given, must\nequal it.\n\nRead and written by hand (a loop over [`Part::ALL`]): an unknown key is an error\nnaming it, a value that is not a number an error at its key.":
    "供应商随碳足迹声明的各组成部分，按声明数量（`declared.per`）计：每一项均为可选。不含生物源 CO2 吸收的总量即该声明的 `kg_co2e`；此处若给出 `pcf_excluding_biogenic_uptake`，须与之相等。该对象由代码逐项读写（遍历 [`Part::ALL`]）：未知的键会报错并指明该键，非数值的值会在其键处报错。",
  "Aircraft emissions (kg CO2e), part of the fossil emissions.":
    "航空器排放（kg CO2e），属于化石排放的一部分。",
  "Biogenic carbon content of the product (kg C).":
    "产品的生物源碳含量（kg C）。",
  "Biogenic CO2 emitted by the product's own lines outside land management (kg CO2e): in\nthe totals; PACT v3 has no field for it (v2 counts it in `otherBiogenicGhgEmissions`).":
    "产品自身活动行在土地管理以外排放的生物源 CO2（kg CO2e）：计入总量；PACT v3 没有对应字段（v2 将其计入 `otherBiogenicGhgEmissions`）。",
  "Biogenic CO2 uptake (kg CO2e, 0 or less; v2 `biogenicCarbonWithdrawal`).":
    "生物源 CO2 吸收（kg CO2e，0 或更小；v2 的 `biogenicCarbonWithdrawal`）。",
  "Biogenic non-CO2 emissions (kg CO2e; v2 `otherBiogenicGhgEmissions`, which also holds\nbiogenic CO2 emissions).":
    "生物源非 CO2 排放（kg CO2e；v2 的 `otherBiogenicGhgEmissions`，其中也包含生物源 CO2 排放）。",
  "CO2 captured and stored geologically (kg CO2e, 0 or less).":
    "捕集并进行地质封存的 CO2（kg CO2e，0 或更小）。",
  "Carbon captured in the product through CCU (kg C).":
    "通过碳捕集与利用（CCU）固定在产品中的碳（kg C）。",
  "Fossil carbon content of the product (kg C).":
    "产品的化石碳含量（kg C）。",
  "Fossil GHG emissions (kg CO2e), aircraft and land-management fossil emissions included.":
    "化石温室气体排放（kg CO2e），包括航空器排放和土地管理中的化石排放。",
  "Agricultural land occupied (m²·year).":
    "占用的农业用地（m²·年）。",
  "Indirect land-use change (kg CO2e; v2 `iLucGhgEmissions`, v3 `landCarbonLeakage`).":
    "间接土地利用变化（kg CO2e；v2 的 `iLucGhgEmissions`，v3 的 `landCarbonLeakage`）。",
  "Biogenic CO2 emissions from land management (kg CO2e).":
    "土地管理产生的生物源 CO2 排放（kg CO2e）。",
  "Biogenic CO2 removals from land management (kg CO2e, 0 or less).":
    "土地管理产生的生物源 CO2 移除（kg CO2e，0 或更小）。",
  "Fossil emissions from land management (kg CO2e; already in the fossil emissions).":
    "土地管理产生的化石排放（kg CO2e；已计入化石排放）。",
  "Land-management emissions and removals as PACT v2 reports them, in one figure\n(kg CO2e; v3 splits them).":
    "PACT v2 以单一数值报告的土地管理排放与移除（kg CO2e；v3 将其拆分）。",
  "Direct land-use change emissions (kg CO2e; v2 `dLucGhgEmissions`).":
    "直接土地利用变化排放（kg CO2e；v2 的 `dLucGhgEmissions`）。",
  "Outbound logistics emissions (kg CO2e).":
    "出厂物流排放（kg CO2e）。",
  "Biogenic carbon content of the packaging (kg C).":
    "包装的生物源碳含量（kg C）。",
  "Packaging emissions (kg CO2e), part of the total.":
    "包装排放（kg CO2e），属于总量的一部分。",
  "Total excluding biogenic CO2 uptake (kg CO2e): every emission and removal but the\nuptake (PACT v3 `pcfExcludingBiogenicUptake`, v2 `pCfExcludingBiogenic`).":
    "不含生物源 CO2 吸收的总量（kg CO2e）：除该吸收以外的全部排放与移除（PACT v3 的 `pcfExcludingBiogenicUptake`，v2 的 `pCfExcludingBiogenic`）。",
  "Total including biogenic CO2 uptake (kg CO2e): what the footprint's total is (PACT v3\n`pcfIncludingBiogenicUptake`, v2 `pCfIncludingBiogenic`).":
    "包含生物源 CO2 吸收的总量（kg CO2e）：即该碳足迹的总量（PACT v3 的 `pcfIncludingBiogenicUptake`，v2 的 `pCfIncludingBiogenic`）。",
  "Carbon content from recycled material (kg C).":
    "来自再生材料的碳含量（kg C）。",
  "Technological CO2 removals (kg CO2e, 0 or less).":
    "技术性 CO2 移除（kg CO2e，0 或更小）。",
  "Electricity modelling.":
    "电力建模。",
  "`location-based` (grid mix) or `market-based` (contractual instruments).":
    "`location-based`（基于位置，电网平均排放因子）或 `market-based`（基于市场，合同工具）。",
  "Contractual instruments claimed (green certificates, PPAs, green-power trades).":
    "声明使用的合同工具（绿色电力证书、购电协议 PPA、绿电交易）。",
  "Choose a factor by series, geography and year.":
    "按系列、地区和年份选择排放因子。",
  "Geography code, e.g. `CN-JS` (see `factors/geographies.csv`).":
    "地区代码，例如 `CN-JS`（见 `factors/geographies.csv`）。",
  "When the geography has no row, walk up province → grid region → country → world\n(default false: no match is an error). Every step is reported in the result.":
    "该地区没有对应数据行时，逐级向上查找：省 → 电网区域 → 国家 → 全球（默认 false：找不到即报错）。每一步都会在结果中报告。",
  "Series id (the `series` column of the factor tables), e.g. `cn.elec.co2avg`.":
    "系列编号（排放因子表的 `series` 列），例如 `cn.elec.co2avg`。",
  "Pin this year; by default the latest year not after the end of the reference period.":
    "指定年份；默认取不晚于数据时间范围结束日期的最新年份。",
  "A direct emission of one gas (or, with `removal`, an uptake of CO2).":
    "一种气体的直接排放（或者在设置 `removal` 时，为 CO2 的吸收）。",
  "Report as aircraft emissions.":
    "作为航空器排放报告。",
  "Mass of gas, finite and not negative.":
    "气体质量，须为有限值且不为负。",
  "Reporting group.":
    "报告分组。",
  "Gas id: `CO2_fossil`, `CO2_biogenic`, `CO2_luc`, `CH4`, `CH4_fossil`, `CH4_biogenic`,\n`N2O`, `SF6`, `NF3`, or another of the 278 gases of `factors/gwp.csv` (HFCs such as\n`HFC-134a`, HFOs such as `HFO-1234yf`, PFCs such as `CF4` and `c-C4F8`, HFEs, CFCs, HCFCs\nsuch as `HCFC-22`, halons, and other species by formula).":
    "气体编号：`CO2_fossil`、`CO2_biogenic`、`CO2_luc`、`CH4`、`CH4_fossil`、`CH4_biogenic`、`N2O`、`SF6`、`NF3`，或 `factors/gwp.csv` 所列 278 种气体中的其他气体（如 `HFC-134a` 等氢氟碳化物 HFC，如 `HFO-1234yf` 等氢氟烯烃 HFO，如 `CF4` 和 `c-C4F8` 等全氟化碳 PFC，氢氟醚 HFE，氯氟烃 CFC，如 `HCFC-22` 等氢氯氟烃 HCFC，哈龙，以及按化学式给出的其他物质）。",
  "Optional id of the line.":
    "该活动行的编号，可选。",
  "What the emission is, in words.":
    "用文字说明该排放是什么。",
  "A removal (uptake) rather than an emission: counted negative, CO2 gases only.":
    "移除（吸收）而非排放：按负值计入，仅限 CO2 类气体。",
  "Life-cycle stage (defaults to the component's stage inside a component).":
    "生命周期阶段（在组件内默认为该组件的阶段）。",
  "A mass unit.":
    "质量单位。",
  "A factor written in a line: `value` (`value_unit`, default kg) of CO2e or of a gas per one\n`per_unit`.":
    "写在活动行中的排放因子：每一 `per_unit` 对应 `value`（单位为 `value_unit`，默认 kg）的 CO2e 或某种气体。",
  "`CO2e` (default) or a gas id.":
    "`CO2e`（默认）或气体编号。",
  "`fossil` (default), `biogenic`, `luc`, `aircraft` or `unsplit`.":
    "`fossil`（化石，默认）、`biogenic`（生物源）、`luc`（土地利用变化）、`aircraft`（航空器）或 `unsplit`（未拆分）。",
  "Geography.":
    "地区。",
  "For CO2e: the GWP set the source used (`AR4`, `AR5`, `AR6` or `unspecified`).":
    "对 CO2e 而言：数据来源采用的 GWP 版本（`AR4`、`AR5`、`AR6` 或 `unspecified`）。",
  "Optional id, shown in the audit trail (default: the line's path).":
    "编号，可选，显示在审计追踪中（默认：该活动行的路径）。",
  "The unit the value is per.":
    "该数值所对应的单位（每单位）。",
  "Where the value comes from (required).":
    "数值的来源（必填）。",
  "Uncertainty: `lognormal:gsd=1.1`, `normal:sd=0.02`, `triangular:min=..,mode=..,max=..`\nor `uniform:min=..,max=..` (in the factor's unit).":
    "不确定性：`lognormal:gsd=1.1`、`normal:sd=0.02`、`triangular:min=..,mode=..,max=..` 或 `uniform:min=..,max=..`（采用排放因子的单位）。",
  "The value, finite and not negative.":
    "数值，须为有限值且不为负。",
  "Mass unit of the value: `g`, `kg` (default) or `t`.":
    "数值的质量单位：`g`、`kg`（默认）或 `t`。",
  "Data year.":
    "数据年份。",
  "An offset held by the organisation.":
    "组织持有的一项碳抵消。",
  "kg CO2e it claims.":
    "其声称的 kg CO2e。",
  "What it is (registry, project).":
    "说明是什么（登记簿、项目）。",
  "Whether the figure the organisation communicates subtracts it (ISO 14067 forbids it).":
    "组织对外公布的数据是否扣除了该抵消（ISO 14067 禁止这样做）。",
  "PACT data-quality ratings.":
    "PACT 数据质量评级。",
  "Completeness DQR (v2).":
    "完整性 DQR（v2）。",
  "Share of the footprint the ratings cover, percent (v2).":
    "评级所覆盖的碳足迹比例，百分比（v2）。",
  "Geographical DQR.":
    "地理代表性 DQR。",
  "Reliability DQR (v2).":
    "可靠性 DQR（v2）。",
  "Technological DQR.":
    "技术代表性 DQR。",
  "Temporal DQR.":
    "时间代表性 DQR。",
  "The geography of a PACT footprint: at most one of the three is given.":
    "PACT 碳足迹的地理范围：三项中至多给出一项。",
  "`geographyCountry`.":
    "`geographyCountry`（国家）。",
  "`geographyCountrySubdivision`.":
    "`geographyCountrySubdivision`（国家下级行政区）。",
  "`geographyRegionOrSubregion`.":
    "`geographyRegionOrSubregion`（区域或次区域）。",
  "The provenance and data quality of a supplier's PACT ProductFootprint, kept on the\ncomponent it was imported as. Figures are as the footprint states them, per one PACT\ndeclared unit.":
    "供应商 PACT ProductFootprint 的来源与数据质量，保存在导入后所生成的组件上。各数值均按该碳足迹所述，以一个 PACT 声明单位计。",
  "The processes in its boundary (`boundaryProcessesDescription`).":
    "其系统边界内的过程（`boundaryProcessesDescription`）。",
  "The IPCC assessment reports of the GWP values used.":
    "所用 GWP 值出自的 IPCC 评估报告。",
  "The data owner's URNs.":
    "数据所有者的 URN。",
  "The data owner.":
    "数据所有者。",
  "The cross-sectoral standards it follows (v3 `crossSectoralStandards`, v2\n`crossSectoralStandardsUsed` and `crossSectoralStandards`).":
    "其遵循的跨行业标准（v3 的 `crossSectoralStandards`，v2 的 `crossSectoralStandardsUsed` 和 `crossSectoralStandards`）。",
  "The PACT declared unit (`kilogram`, `piece` …).":
    "PACT 声明单位（`kilogram`、`piece` …）。",
  "Data-quality ratings (DQR) as stated: 1 (best) to 3 in v2, 1 to 5 in v3.":
    "所述的数据质量评级（DQR）：v2 中为 1（最好）至 3，v3 中为 1 至 5。",
  "Why they were left out (`exemptedEmissionsDescription`).":
    "排除的理由（`exemptedEmissionsDescription`）。",
  "The share of emissions the supplier left out of its footprint, percent\n(`exemptedEmissionsPercent`).":
    "供应商未计入其碳足迹的排放比例，百分比（`exemptedEmissionsPercent`）。",
  "The footprint's data model extensions (`extensions`), kept verbatim: pcf computes\nnothing from them, and drops none of them.":
    "该碳足迹的数据模型扩展（`extensions`），原样保留：pcf 不据此计算任何内容，也不丢弃其中任何一项。",
  "Where the footprint breaks the PACT data model beyond its schema, as found on import:\nan identity between totals and parts, the validity period rules, v2's 5 % exemption\nlimit (`pact::check::identities`, `pact::check::rules`). Its figures are used as\ndeclared; computing it gives a `pact_findings` warning.":
    "导入时发现的该碳足迹超出其模式（schema）而违反 PACT 数据模型之处：总量与各组成部分之间的恒等关系、有效期规则、v2 的 5 % 排除上限（`pact::check::identities`、`pact::check::rules`）。其数值仍按声明使用；计算时会给出 `pact_findings` 警告。",
  "The footprint's geography as stated: a UN M49 region, an ISO 3166-1 country or an\nISO 3166-2 subdivision.":
    "所述的碳足迹地理范围：UN M49 区域、ISO 3166-1 国家或 ISO 3166-2 下级行政区。",
  "The ProductFootprint id.":
    "ProductFootprint 编号。",
  "Whether packaging emissions are included (`packagingEmissionsIncluded`).":
    "是否包含包装排放（`packagingEmissionsIncluded`）。",
  "kg CO2e per declared unit, biogenic CO2 uptake excluded (the figure rolled up):\nsigned in PACT v3 (removals included), 0 or more in v2.":
    "每声明单位的 kg CO2e，不含生物源 CO2 吸收（即汇总计入的数值）：在 PACT v3 中有正负号（包含移除），在 v2 中为 0 或更大。",
  "kg CO2e per declared unit, biogenic CO2 uptake included, when stated.":
    "每声明单位的 kg CO2e，包含生物源 CO2 吸收，如有给出。",
  "Primary data share, percent.":
    "初级数据占比，百分比。",
  "The product's URNs.":
    "产品的 URN。",
  "The reference period, RFC 3339 date-times (end excluded).":
    "数据时间范围，RFC 3339 日期时间（不含结束时刻）。",
  "Its `specVersion` (e.g. `3.0.0`).":
    "其 `specVersion`（例如 `3.0.0`）。",
  "Properties of the footprint that its PACT version does not define, kept verbatim by\ntheir path in the footprint (`$.pcf.otherOperatorName`): never dropped silently.":
    "其 PACT 版本未定义的碳足迹属性，按其在碳足迹中的路径原样保留（`$.pcf.otherOperatorName`）：绝不会被悄然丢弃。",
  "The validity period, RFC 3339 date-times (end excluded): as stated, or the spec's\ndefault of three years from the end of the reference period.":
    "有效期，RFC 3339 日期时间（不含结束时刻）：按所述，或采用规范的默认值，即自数据时间范围结束起三年。",
  "Third-party assurance (v2) or verification (v3), when stated.":
    "第三方保证（v2）或核查（v3），如有给出。",
  "Assurance (v2) or verification (v3) of a PACT footprint.":
    "PACT 碳足迹的保证（v2）或核查（v3）。",
  "v2 `assurance.assurance`; true for a v3 `verification` block.":
    "v2 的 `assurance.assurance`；v3 有 `verification` 块时为 true。",
  "When it was completed.":
    "完成日期。",
  "Coverage (`product level` …).":
    "覆盖范围（`product level` …）。",
  "Level (`limited`, `reasonable`; v2).":
    "保证等级（`limited`、`reasonable`；v2）。",
  "The independent third party.":
    "独立第三方。",
  "The standard assured against.":
    "保证所依据的标准。",
  "A time period, ISO dates.":
    "一个时间段，ISO 日期。",
  "Last day, `YYYY-MM-DD`.":
    "最后一天，`YYYY-MM-DD`。",
  "First day, `YYYY-MM-DD`.":
    "第一天，`YYYY-MM-DD`。",
  "The product.":
    "产品。",
  "Product code (CN code, GTIN, internal id).":
    "产品编码（CN 编码、GTIN、内部编号）。",
  "The declared (or functional) unit the inventory is for: e.g. 1 item, 1 kWp, 1 t.":
    "清单所对应的声明单位（或功能单位）：例如 1 件、1 kWp、1 t。",
  "Functional unit in words, when the study has one (e.g. \"1 kWh delivered over life\").":
    "研究有功能单位时，用文字说明的功能单位（例如“全生命周期内输送 1 kWh 电量”）。",
  "Chinese name.":
    "中文名称。",
  "Supply chain: `battery`, `ev`, `textile`, `pv`, `steel` or `other`.":
    "供应链：`battery`、`ev`、`textile`、`pv`、`steel` 或 `other`。",
  "Where a declared footprint comes from.":
    "声明碳足迹的来源。",
  "Document, EPD, PACT footprint id or study.":
    "文件、EPD、PACT 碳足迹编号或研究报告。",
  "Supplier name.":
    "供应商名称。",
  "`third-party`, `self-declared` or `unverified`.":
    "`third-party`（第三方核查）、`self-declared`（自我声明）或 `unverified`（未核查）。",
  "Year of the declaration.":
    "声明年份。",
  "An amount with a unit.":
    "带单位的数量。",
  "The amount, finite and greater than zero.":
    "数量，须为有限值且大于零。",
  "A unit symbol of the registry (`kg`, `kWh`, `tkm`, `kWp`, `item` …).":
    "单位登记表中的单位符号（`kg`、`kWh`、`tkm`、`kWp`、`item` …）。",
  "A stage of the boundary with no lines, and why.":
    "系统边界内没有活动行的阶段及其原因。",
  "Why it has no lines.":
    "没有活动行的原因。",
  "The stage.":
    "阶段。",
  "Statements about the study that the pre-checks (`pcf precheck`) examine.":
    "关于本研究的声明，供预检查（`pcf precheck`）审查。",
  "Cut-off criteria and what they excluded.":
    "取舍准则及其排除的内容。",
  "How electricity is modelled.":
    "电力的建模方式。",
  "Offsets the organisation holds; reported beside the footprint, never subtracted.":
    "组织持有的碳抵消；与碳足迹并列报告，绝不从中扣除。",
  "Stages of the boundary that have no lines, each with the reason.":
    "系统边界内没有活动行的阶段，各附原因。",
  "Standards and rules followed, e.g. `ISO 14067:2018`, `GB/T 24067-2024`,\n`PACT 3.0`.":
    "遵循的标准和规则，例如 `ISO 14067:2018`、`GB/T 24067-2024`、`PACT 3.0`。",
  "Third-party verification.":
    "第三方核查。",
  "The verification body (for the EU Battery Regulation, a notified body).":
    "核查机构（对欧盟电池法规而言，为公告机构）。",
  "Certificate or statement reference.":
    "证书或声明编号。",
  "`none`, `pending` or `verified`.":
    "`none`（无）、`pending`（进行中）或 `verified`（已核查）。",
  "A product carbon-footprint study: the product, its declared unit, the system boundary,\nand the inventory (activities, direct gas emissions, components) for one declared unit.":
    "产品碳足迹研究：产品、其声明单位、系统边界，以及对应一个声明单位的清单（活动、直接温室气体排放、组件）。",
  "Activity data lines: an amount of something multiplied by an emission factor, or an\namount of a component.":
    "活动数据行：某物的数量乘以排放因子，或某一组件的数量。",
  "Allocation when the product's own process also makes co-products.":
    "当产品自身的过程同时产出联产品时的分配。",
  "Which life-cycle stages are inside the study.":
    "哪些生命周期阶段纳入本研究。",
  "Sub-products (modelled with their own lines, or by a supplier's declared footprint),\nused by the product's lines or by each other, loops included.":
    "子产品（用其自身的活动行建模，或采用供应商声明的碳足迹），被本产品的活动行或彼此引用，允许循环引用。",
  "Direct emissions (or CO2 removals) of individual gases, characterised by `gwp_set`.":
    "单种气体的直接排放（或 CO2 移除），按 `gwp_set` 进行特征化。",
  "The GWP100 set used to characterise gases: `AR4`, `AR5` or `AR6`.":
    "用于气体特征化的 GWP100 版本：`AR4`、`AR5` 或 `AR6`。",
  "What is being assessed.":
    "评价对象。",
  "The period the inventory data represent.":
    "清单数据所代表的时间段。",
  "Always `pcf/1`.":
    "固定为 `pcf/1`。",
  "What a certifier asks about the study beyond the numbers: standards followed, cut-off,\nelectricity modelling, offsets, excluded stages, verification. Read by the pre-checks;\nit changes no number.":
    "认证方在数值之外对本研究关注的内容：遵循的标准、取舍准则、电力建模、碳抵消、排除的阶段、核查。供预检查读取；不改变任何数值。",
  // pcf-battery-1.schema.json
  "A traction battery footprint study.":
    "动力电池碳足迹研究。",
  "The pack.":
    "电池包。",
  "Sub-products (cells, cathode material …) used by the lines, as in `pcf/1`.":
    "活动行所用的子产品（电芯、正极材料 …），与 `pcf/1` 中相同。",
  "Distribution to the point of sale.":
    "分销至销售点。",
  "Direct gas emissions; each names one of the four stages.":
    "直接温室气体排放；每项须指明四个阶段之一。",
  "End of life and recycling.":
    "寿命终止与回收。",
  "GWP100 set: `AR4`, `AR5` or `AR6`.":
    "GWP100 版本：`AR4`、`AR5` 或 `AR6`。",
  "Main product production: cell manufacturing (dry rooms included) and pack assembly.":
    "主要产品生产：电芯制造（含干燥间）与电池包组装。",
  "Raw material acquisition and pre-processing: cathode active material, anode, electrolyte,\nseparator, foils, housing, BMS and pack parts (lines as in `pcf/1`, without `stage`).":
    "原材料获取与预处理：正极活性材料、负极、电解液、隔膜、箔材、壳体、BMS 及电池包零部件（活动行与 `pcf/1` 中相同，但不写 `stage`）。",
  "The period the data represent.":
    "数据所代表的时间段。",
  "Always `pcf-battery/1`.":
    "固定为 `pcf-battery/1`。",
  "Statements for the pre-checks (standards, cut-off, electricity, verification), as in\n`pcf/1`.":
    "供预检查使用的声明（标准、取舍准则、电力、核查），与 `pcf/1` 中相同。",
  "The pack and its service life.":
    "电池包及其使用寿命。",
  "Cell chemistry: `LFP`, `NMC811`, `NMC622`, `NMC532`, `NCA`, `LMFP`, `sodium-ion` or `other`.":
    "电芯化学体系：`LFP`、`NMC811`、`NMC622`、`NMC532`、`NCA`、`LMFP`、`sodium-ion`（钠离子）或 `other`（其他）。",
  "Product code.":
    "产品编码。",
  "A custom number of full-equivalent cycles per year, with its justification, instead of\nthe regulation's value for the category.":
    "自定义的每年等效满充循环次数，附理由说明，用以代替法规为该类别规定的数值。",
  "What the amounts of the raw-material lines are per: `pack` (default) or `kWh` (per kWh\nof usable capacity, as material inventories are often given; multiplied by the capacity).":
    "原材料活动行的数量以什么为基准：`pack`（每个电池包，默认）或 `kWh`（每 kWh 可用容量，材料清单常按此给出；计算时乘以容量）。",
  "Model name.":
    "型号名称。",
  "Usable energy capacity, kWh.":
    "可用能量容量，kWh。",
  "Vehicle category: `M1`, `N1`, `L`, `M2`, `M3`, `N2` or `N3`.":
    "车辆类别：`M1`、`N1`、`L`、`M2`、`M3`、`N2` 或 `N3`。",
  "Warranty, years.":
    "质保期，年。",
  "A justified custom cycle count.":
    "有理由说明的自定义循环次数。",
  "Why this value applies.":
    "采用该数值的理由。",
  "Full-equivalent cycles per year.":
    "每年等效满充循环次数。",
  // pcf-ev-1.schema.json
  "An electric-vehicle footprint study.":
    "电动汽车碳足迹研究。",
  "Vehicle assembly: electricity, heat and other plant energy (lines without `stage`).":
    "整车装配：电力、热力及工厂其他能源（活动行不写 `stage`）。",
  "The traction battery: exactly one of `template` or `declared`.":
    "动力电池：`template` 和 `declared` 二者恰好给出其一。",
  "Sub-products (an e-drive unit declared by its supplier …) used by the lines, as in\n`pcf/1`; their stage is not `battery`, and their ids not `battery` or `battery.*`.":
    "活动行所用的子产品（如供应商声明碳足迹的电驱动总成 …），与 `pcf/1` 中相同；其阶段不得为 `battery`，其编号不得为 `battery` 或 `battery.*`。",
  "Drivetrain: motor, inverter, reducer, on-board charger, cables (lines without `stage`).":
    "驱动系统：电机、逆变器、减速器、车载充电机、线缆（活动行不写 `stage`）。",
  "Direct gas emissions (refrigerant fill losses, paint-shop solvents …); each names one of\nthe stages `glider`, `drivetrain`, `assembly`, `end_of_life` (or `use`).":
    "直接温室气体排放（制冷剂加注损失、涂装车间溶剂 …）；每项须指明 `glider`、`drivetrain`、`assembly`、`end_of_life`（或 `use`）阶段之一。",
  "End of life: transport to the dismantler, dismantling, shredding (lines without `stage`).":
    "寿命终止：运往拆解企业、拆解、破碎（活动行不写 `stage`）。",
  "Glider: body and chassis materials (steel, aluminium, plastics, glass, rubber …), lines as\nin `pcf/1`, without `stage`.":
    "车身与底盘：车身和底盘材料（钢、铝、塑料、玻璃、橡胶 …），活动行与 `pcf/1` 中相同，但不写 `stage`。",
  "Always `pcf-ev/1`.":
    "固定为 `pcf-ev/1`。",
  "The use phase (grid electricity over the lifetime distance); without it the study is\ncradle-to-gate.":
    "使用阶段（全生命周期行驶里程内消耗的电网电力）；没有它时，本研究为从摇篮到大门。",
  "The vehicle.":
    "车辆。",
  "A battery pack's footprint declared by its supplier.":
    "供应商声明的电池包碳足迹。",
  "kg CO2e per pack (cradle-to-gate of the pack), finite and not negative.":
    "每个电池包的 kg CO2e（电池包从摇篮到大门），须为有限值且不为负。",
  "Pack name.":
    "电池包名称。",
  "Usable capacity, kWh (for kg CO2e per kWh of capacity).":
    "可用容量，kWh（用于计算每 kWh 容量的 kg CO2e）。",
  "The traction battery: an embedded battery study or a supplier's declaration.":
    "动力电池：内嵌的电池碳足迹研究，或供应商的声明。",
  "A supplier's declared footprint of the pack.":
    "供应商声明的电池包碳足迹。",
  "A whole `pcf-battery/1` document, computed with the same factor tables; its lines become\nthe vehicle's `battery` stage.":
    "一份完整的 `pcf-battery/1` 文件，使用相同的排放因子表计算；其活动行成为整车的 `battery` 阶段。",
  "The use phase: grid electricity over the vehicle's lifetime distance.":
    "使用阶段：车辆全生命周期行驶里程内消耗的电网电力。",
  "When `kwh_per_km` is measured at the battery rather than the plug: grid kWh per battery\nkWh (≥ 1, e.g. 1.1 for 10 % charging losses). Default: none applied.":
    "当 `kwh_per_km` 在电池端而非充电桩端测得时：每 kWh 电池电量对应的电网 kWh（≥ 1，例如充电损耗为 10 % 时取 1.1）。默认：不作修正。",
  "Id of the grid factor (e.g. `cn.elec.footprint.2024.national`).":
    "电网排放因子的编号（例如 `cn.elec.footprint.2024.national`）。",
  "The grid factor chosen by series, geography and year (e.g. series `cn.elec.footprint`).":
    "按系列、地区和年份选择的电网排放因子（例如系列 `cn.elec.footprint`）。",
  "Electricity drawn from the grid per km, kWh/km, as measured at the plug (WLTP, CLTC).":
    "每公里从电网取用的电量，kWh/km，在充电桩端测得（WLTP、CLTC 工况）。",
  "Where the consumption figure comes from.":
    "能耗数据的来源。",
  "Vehicle category: `M1`, `M2`, `M3`, `N1`, `N2`, `N3` or `L`.":
    "车辆类别：`M1`、`M2`、`M3`、`N1`、`N2`、`N3` 或 `L`。",
  "Curb mass, kg: a check against the mass of the listed glider and drivetrain materials.":
    "整备质量，kg：用于与所列车身、底盘及驱动系统材料的质量进行核对。",
  "Lifetime distance, km: needed for the use phase and for kg CO2e per km.":
    "全生命周期行驶里程，km：使用阶段及每公里 kg CO2e 的计算需要此值。",
  // pcf-pv-1.schema.json
  "A PV module footprint in the CRE simplified carbon assessment structure, per kWp.":
    "按法国 CRE 简化碳评估结构给出的光伏组件碳足迹，以每 kWp 计。",
  "Lifetime electricity, for g CO2e per kWh.":
    "全寿命发电量，用于计算每 kWh 的 g CO2e。",
  "The module.":
    "组件。",
  "The period the data represent (chooses the year of `fr.cre.ecs.*` rows).":
    "数据所代表的时间段（决定选用 `fr.cre.ecs.*` 数据行的年份）。",
  "Always `pcf-pv/1`.":
    "固定为 `pcf-pv/1`。",
  "The manufacturing steps, each with the sites supplying it.":
    "各制造工序，及为其供货的生产基地。",
  "Lifetime electricity of 1 kWp.":
    "1 kWp 的全寿命发电量。",
  "Annual degradation of the yield, fraction 0 ≤ d < 1 (0.005 for 0.5 %/year).":
    "发电量的年衰减率，比例 0 ≤ d < 1（0.5 %/年即 0.005）。",
  "Service life, whole years (1–100).":
    "使用寿命，整年数（1–100）。",
  "Specific yield in the first year, kWh per kWp per year (> 0).":
    "首年等效发电量，每 kWp 每年的 kWh（> 0）。",
  "Rated power of one module, Wp: adds the footprint per module.":
    "单块组件的额定功率，Wp：据此另外给出每块组件的碳足迹。",
  "Cell technology, in words (`mono-Si PERC`, `TOPCon` …).":
    "电池技术，用文字说明（`mono-Si PERC`、`TOPCon` …）。",
  "A site (plant) supplying part of a step.\n\nAt most one of `factor`, `factor_select` or `inline_factor`; with none, GWP_ij is the row of\nthe series `fr.cre.ecs.<step>` for `country`.":
    "为某工序供应部分产品的基地（工厂）。`factor`、`factor_select` 和 `inline_factor` 至多给出一项；都不给出时，GWP_ij 取系列 `fr.cre.ecs.<step>` 中该 `country` 的数据行。",
  "Country of the site (ISO 3166-1 alpha-2, as in the CRE table).":
    "基地所在国家（ISO 3166-1 alpha-2，与 CRE 表中一致）。",
  "GWP_ij by factor id.":
    "按排放因子编号给出的 GWP_ij。",
  "GWP_ij chosen by series, geography and year.":
    "按系列、地区和年份选择的 GWP_ij。",
  "GWP_ij as the supplier's own value, with its source.":
    "采用供应商自有数值的 GWP_ij，并注明其来源。",
  "Loss and breakage coefficient k ≥ 1 at this site (default: the step's, else 1).":
    "该基地的损耗与破损系数 k ≥ 1（默认：取该工序的值，否则为 1）。",
  "Plant or supplier name.":
    "工厂或供应商名称。",
  "Quantity Q per kWp at this site, before losses (default: the step's).":
    "该基地每 kWp 的用量 Q，损耗前（默认：取该工序的值）。",
  "Share X of the step's supply from this site, 0–1 (default 1).":
    "该基地在该工序供应量中的占比 X，0–1（默认为 1）。",
  "One manufacturing step and the sites supplying it.":
    "一道制造工序及为其供货的基地。",
  "Loss and breakage coefficient k ≥ 1 multiplying Q (default for the sites; default 1).":
    "与 Q 相乘的损耗与破损系数 k ≥ 1（作为各基地的默认值；默认为 1）。",
  "Quantity Q of the step's product per kWp of modules, before losses (default for the\nsites).":
    "每 kWp 组件所需该工序产品的用量 Q，损耗前（作为各基地的默认值）。",
  "The sites; their shares sum to 1.":
    "各生产基地；其占比之和为 1。",
  "`metallurgical-si`, `polysilicon`, `ingot`, `brick`, `wafer`, `cell`, `module`, `glass`\nor `frame`.":
    "`metallurgical-si`（工业硅）、`polysilicon`（多晶硅）、`ingot`（硅锭）、`brick`（硅块）、`wafer`（硅片）、`cell`（电池片）、`module`（组件）、`glass`（玻璃）或 `frame`（边框）。",
  "Unit of the step's product (`kg`, `m2`, `Wp` …), as the GWP values are per; `kWh` when\nthe step is given as its electricity use with an electricity factor.":
    "该工序产品的单位（`kg`、`m2`、`Wp` …），即 GWP 值所对应的单位；若该工序以其用电量配合电力排放因子给出，则为 `kWh`。",
  // pcf-report-meta-1.schema.json
  "What a report needs from the user.":
    "报告需要用户提供的信息。",
  "What the CBAM communication (`cbam-communication`) needs and a steel study does not\ngive: the installation's address, UN/LOCODE and coordinates, the operator, the carbon\nprice due, the verifier.":
    "CBAM 通报（`cbam-communication`）所需而钢铁研究未提供的信息：设施的地址、UN/LOCODE 和坐标，运营者，应付碳价，核查机构。",
  "The CFP study report's goal of the study and its parties (`cfp-report`): ISO 14067:2018\n/ GB/T 24067-2024 ask the report for the goal (intended application, reasons, intended\naudience, whether comparisons are intended) and ISO 14044 for the commissioner and the\npractitioner. Every field optional: one not given is listed as still to be completed.":
    "碳足迹研究报告（`cfp-report`）中的研究目的及相关方：ISO 14067:2018 / GB/T 24067-2024 要求报告写明研究目的（预期用途、开展研究的理由、目标受众、是否拟进行比较），ISO 14044 要求写明委托方和执行方。各字段均为可选：未给出的字段会被列为待补充。",
  "The date the document is issued, `YYYY-MM-DD` (pcf reads no clock: without it, a document\ncarries no date).":
    "文件的签发日期，`YYYY-MM-DD`（pcf 不读取系统时钟：不填写时，文件不带日期）。",
  "Identification number of the EU declaration of conformity of the battery (art. 7(1)(f)).":
    "电池的欧盟符合性声明的识别编号（第 7(1)(f) 条）。",
  "What a carbon label shows besides the result's figures (`pcf report label`).":
    "碳标识上除结果数值以外显示的内容（`pcf report label`）。",
  "The manufacturer (EU Battery Regulation art. 7(1)(a): administrative information).":
    "制造商（欧盟电池法规第 7(1)(a) 条：管理信息）。",
  "The carbon-footprint performance class the user was given (art. 7(2)), as an opaque\ntext: pcf never computes it (the delegated act defining the classes is not adopted).":
    "用户获得的碳足迹性能等级（第 7(2) 条），作为不透明文本处理：pcf 从不计算该等级（定义等级的授权法案尚未通过）。",
  "The manufacturing plant the declaration is for (art. 7(1)(c): one declaration per\nbattery model per plant).":
    "声明所针对的生产工厂（第 7(1)(c) 条：每个电池型号在每个工厂各出具一份声明）。",
  "Web link (http or https) to the public version of the study supporting the carbon\nfootprint values (art. 7(1)(g); the passport's `carbonFootprintStudy`).":
    "支撑碳足迹数值的研究报告公开版本的网页链接（http 或 https）（第 7(1)(g) 条；电池护照中的 `carbonFootprintStudy`）。",
  "Reference of the third-party verification report of the footprint (the notified body's\nfor the EU, the verifier's for the MIIT declaration), when there is one.":
    "碳足迹第三方核查报告的编号（欧盟为公告机构出具的报告，MIIT 声明为核查机构出具的报告），如有。",
  "The carbon price due in the country of production.":
    "生产国应付的碳价。",
  "The currency, ISO 4217 (`CNY`, `EUR` …).":
    "货币，ISO 4217（`CNY`、`EUR` …）。",
  "The carbon price due per tonne of the good, in `currency` (zero or more).":
    "每吨货物的应付碳价，以 `currency` 计（零或更大）。",
  "The type of instrument (`emissions trading system`, `carbon tax` …).":
    "碳定价工具的类型（`emissions trading system`、`carbon tax` …）。",
  "The legal act or scheme, when named.":
    "法律文件或机制，如有名称。",
  "Notes (what the price covers, evidence of payment …).":
    "备注（碳价覆盖的范围、缴纳证明 …）。",
  "A rebate or other compensation of the carbon price, when there is one.":
    "碳价的返还或其他补偿，如有。",
  "Share of the good's total embedded emissions the carbon price covers, 0–1.":
    "碳价所覆盖的部分占该货物全部隐含排放的比例，0–1。",
  "The installation, as the study does not give it.":
    "设施信息，因研究本身未提供。",
  "City, in English transcription.":
    "城市，英文转写。",
  "Economic activity.":
    "经济活动。",
  "The installation's unique identifier, when it has one.":
    "设施的唯一识别码，如有。",
  "Latitude of the main emission source, decimal degrees (−90 to 90).":
    "主要排放源的纬度，十进制度数（−90 至 90）。",
  "Longitude of the main emission source, decimal degrees (−180 to 180).":
    "主要排放源的经度，十进制度数（−180 至 180）。",
  "P.O. box.":
    "邮政信箱。",
  "Post code.":
    "邮政编码。",
  "Street and number, in English transcription.":
    "街道和门牌号，英文转写。",
  "The UN/LOCODE of the installation's location: five characters, the first two the\nstudy's country (`CNSHA`, or `CN SHA`).":
    "设施所在地的 UN/LOCODE：五个字符，前两个为研究中的国家代码（`CNSHA` 或 `CN SHA`）。",
  "The CBAM communication's own meta (`cbam`): what the operator of an installation tells its\nEU importer (the reporting declarant) besides the figures of the study. The installation's\nname and country, the good, its CN code and production route are the study's own (sealed by\nthe receipt), not the meta's.":
    "CBAM 通报自身的元数据（`cbam`）：设施运营者除研究数值外告知其欧盟进口商（即申报人）的信息。设施名称和国家、货物、其 CN 编码和生产路线均取自研究本身（由回执封存），不属于元数据。",
  "Any additional information for the reporting declarant.":
    "提供给申报人的任何补充信息。",
  "The good's aggregated goods category as the communication template's code list names\nit (`Crude steel`, `Iron or steel products` …): pcf does not derive it from the CN code.":
    "按通报模板代码表命名的货物汇总类别（`Crude steel`、`Iron or steel products` …）：pcf 不根据 CN 编码推导该类别。",
  "The carbon price due in the country of production for the good's embedded emissions,\nwhen there is one.":
    "生产国针对该货物隐含排放的应付碳价，如有。",
  "General information on data quality.":
    "数据质量的一般性说明。",
  "Why default values were used, where they were.":
    "使用默认值的理由（如使用了默认值）。",
  "The installation: its address, UN/LOCODE and the coordinates of its main emission\nsource.":
    "设施：其地址、UN/LOCODE 以及主要排放源的坐标。",
  "The operator of the installation and its contact.":
    "设施运营者及其联系方式。",
  "The good's qualifying parameters (for steel: the steel mill's identification number,\nalloy and carbon contents, scrap per tonne …), written as given.":
    "货物的限定参数（钢铁：钢厂识别编号、合金含量和碳含量、每吨废钢用量 …），按所给内容填写。",
  "Information on quality assurance.":
    "质量保证方面的信息。",
  "The verifier of the emissions data, when there is one.":
    "排放数据的核查机构，如有。",
  "The operator of the installation.":
    "设施运营者。",
  "The operator's address.":
    "运营者的地址。",
  "E-mail address (this or `telephone` is needed).":
    "电子邮件地址（与 `telephone` 至少填写一项）。",
  "The operator's name.":
    "运营者名称。",
  "The authorised representative's name.":
    "授权代表的姓名。",
  "Telephone number (this or `email` is needed).":
    "电话号码（与 `email` 至少填写一项）。",
  "The verifier of the emissions data.":
    "排放数据的核查机构。",
  "The national accreditation body.":
    "国家认可机构。",
  "The Member State of its accreditation.":
    "其获得认可的成员国。",
  "Its address.":
    "其地址。",
  "The verifier's company name.":
    "核查机构的公司名称。",
  "The registration number issued by the accreditation body.":
    "认可机构颁发的注册号。",
  "The goal of a CFP study and who commissioned and carried it out: what the study report\nstates and the result does not know.":
    "碳足迹研究的目的，以及委托和执行研究的各方：研究报告中须陈述而计算结果本身并不知道的内容。",
  "The CFP-PCR (product category rules) or product-specific standard followed, when any.":
    "所遵循的碳足迹产品类别规则（PCR）或特定产品标准，如有。",
  "Who commissioned the study.":
    "研究的委托方。",
  "Whether the results are intended to support a comparison of products disclosed to the\npublic (a comparative assertion), which brings further requirements (critical review).":
    "研究结果是否拟用于支持向公众披露的产品比较（比较性声明），这会带来更多要求（鉴定性评审）。",
  "The intended application of the study (what the footprint will be used for).":
    "研究的预期用途（碳足迹将用于何处）。",
  "The intended audience (to whom the results are meant to be communicated).":
    "目标受众（研究结果拟传达给谁）。",
  "Who carried out the study (the practitioner), when not the commissioner.":
    "开展研究的一方（执行方），如与委托方不同。",
  "The reasons for carrying out the study.":
    "开展研究的理由。",
  "The report's own reference (number or title), when it has one.":
    "报告自身的编号（号码或标题），如有。",
  "What a carbon label needs from the user: the scheme it is issued under (the user's name for\nit: pcf certifies nothing), its validity, the certificate and where the verification link\npoints.":
    "碳标识需要用户提供的信息：其依据的方案（由用户命名：pcf 不作任何认证）、有效期、证书，以及核验链接所指向的地址。",
  "The certificate's number and body, as the issuer writes them, when there is one.":
    "证书编号和发证机构，按发证方的写法填写，如有。",
  "The pre-check scheme whose verdict the label carries (an id of `pcf precheck`, not a\nPACT one); default `iso14067`.":
    "碳标识所载结论对应的预检方案（`pcf precheck` 的方案编号，而非 PACT 的编号）；默认为 `iso14067`。",
  "The label scheme as the issuer names it (e.g. the China carbon-footprint label of the\nCNCA rules, or a CRE simplified carbon assessment figure). Written as given.":
    "发证方所称的标识方案（例如依据 CNCA 规则的中国碳足迹标识，或 CRE 简化碳评估数值）。按所给内容填写。",
  "First day of validity, `YYYY-MM-DD` (pcf reads no clock and computes no expiry).":
    "有效期第一天，`YYYY-MM-DD`（pcf 不读取系统时钟，也不计算到期日）。",
  "Last day of validity, `YYYY-MM-DD`, not before `valid_from`.":
    "有效期最后一天，`YYYY-MM-DD`，不得早于 `valid_from`。",
  "The base of the verification link in the QR code: an `http(s)://` URL without `#`, `?`\nor spaces, e.g. the address of the pcf page; the code encodes `<base>/#verify=<result\ndigest>`. Without it, the code encodes the result digest alone.":
    "二维码中核验链接的基础地址：一个不含 `#`、`?` 或空格的 `http(s)://` 网址，例如 pcf 页面的地址；二维码编码为 `<base>/#verify=<result digest>`。不填写时，二维码只编码结果摘要。",
  "The manufacturer's administrative information.":
    "制造商的管理信息。",
  "Postal address.":
    "邮政地址。",
  "Contact (e-mail, telephone or web address).":
    "联系方式（电子邮件、电话或网址）。",
  "Company name.":
    "公司名称。",
  "Registered trade name or trade mark, when there is one.":
    "注册商号或商标，如有。",
  "An organisation or person named in a report.":
    "报告中提及的组织或个人。",
  "Name (required when the party is given).":
    "名称（给出该方时必填）。",
  "The manufacturing plant's location.":
    "生产工厂的位置。",
  "Country (name or ISO 3166-1 code).":
    "国家（名称或 ISO 3166-1 代码）。",
  "Latitude, decimal degrees (−90 to 90), with `longitude`.":
    "纬度，十进制度数（−90 至 90），与 `longitude` 一并填写。",
  "Town or city.":
    "城镇或城市。",
  "Longitude, decimal degrees (−180 to 180), with `latitude`.":
    "经度，十进制度数（−180 至 180），与 `latitude` 一并填写。",
  "The plant's name, when it has one.":
    "工厂名称，如有。",
  "Postal code.":
    "邮政编码。",
  "Region or province.":
    "地区或省份。",
  "Street address.":
    "街道地址。",
  "One qualifying parameter of the good, as the user gives it.":
    "货物的一项限定参数，按用户所给填写。",
  "The parameter, as the template names it (`Steel mill identification number`, `% Mn`,\n`t scrap per t steel` …).":
    "参数名称，按模板中的叫法（`Steel mill identification number`、`% Mn`、`t scrap per t steel` …）。",
  "Its value, as text.":
    "其数值，以文本形式。",
  "A rebate of the carbon price.":
    "碳价的返还。",
  "The rebate per tonne of the good, in the carbon price's currency (zero or more).":
    "每吨货物的返还金额，以碳价的货币计（零或更大）。",
  "The type of rebate (free allocation, compensation …).":
    "返还的类型（免费配额、补偿 …）。",
  "Share of the good's embedded emissions the rebate covers, 0–1.":
    "返还所覆盖的部分占该货物隐含排放的比例，0–1。",
  // pcf-steel-1.schema.json
  "An installation's production of one good.":
    "一个设施对一种货物的生产。",
  "Year of the CBAM default value compared with (default: the end of the reference period).":
    "用于对比的 CBAM 默认值年份（默认：数据时间范围的结束年份）。",
  "Other direct emissions: fuel combustion lines (lines as in `pcf/1`, without `stage`).":
    "其他直接排放：燃料燃烧活动行（活动行与 `pcf/1` 中相同，但不写 `stage`）。",
  "Direct emissions of gases (process emissions, CH4, N2O), without `stage`.":
    "气体的直接排放（过程排放、CH4、N2O），不写 `stage`。",
  "The good and its activity level.":
    "货物及其活动水平。",
  "Indirect emissions: electricity consumed (lines without `stage`).":
    "间接排放：消耗的电力（活动行不写 `stage`）。",
  "The installation.":
    "设施。",
  "Carbon mass balance: every carbon-bearing input and output.":
    "碳质量平衡：每一项含碳的输入和输出。",
  "Precursors used, with their specific embedded emissions.":
    "使用的前体材料，及其特定隐含排放。",
  "The reporting period.":
    "报告期。",
  "Always `pcf-steel/1`.":
    "固定为 `pcf-steel/1`。",
  "One carbon-bearing flow of the mass balance.":
    "质量平衡中的一项含碳物流。",
  "Mass of the material (a mass unit).":
    "材料质量（质量单位）。",
  "Carbon content, mass fraction 0–1.":
    "含碳量，质量分数 0–1。",
  "`input` or `output`.":
    "`input`（输入）或 `output`（输出）。",
  "Material.":
    "材料。",
  "Its unit.":
    "其单位。",
  "The good produced.":
    "生产的货物。",
  "Activity level AL: the mass of the good produced in the period.":
    "活动水平 AL：报告期内该货物的产量（质量）。",
  "CN code (`7208`, `7214 20 00` …).":
    "CN 编码（`7208`、`7214 20 00` …）。",
  "Country of the installation (ISO 3166-1 alpha-2), for the CBAM default value.":
    "设施所在国家（ISO 3166-1 alpha-2），用于确定 CBAM 默认值。",
  "Route: `BF-BOF`, `scrap-EAF` or `DRI-EAF`.":
    "生产路线：`BF-BOF`（高炉-转炉）、`scrap-EAF`（废钢-电炉）或 `DRI-EAF`（直接还原铁-电炉）。",
  "A precursor with its specific embedded emissions.":
    "前体材料及其特定隐含排放。",
  "Mass used, M_i.":
    "使用质量，M_i。",
  "Name (pig iron, DRI, crude steel …).":
    "名称（生铁、直接还原铁 DRI、粗钢 …）。",
  "Who declared the values and where.":
    "由谁、在何处声明这些数值。",
  "Direct specific embedded emissions, t CO2e per t.":
    "直接特定隐含排放，t CO2e/t。",
  "Indirect specific embedded emissions, t CO2e per t (default 0).":
    "间接特定隐含排放，t CO2e/t（默认为 0）。",
  // pcf-textile-1.schema.json
  "A garment footprint study.":
    "服装碳足迹研究。",
  "Sub-products used by the lines, as in `pcf/1`.":
    "活动行所用的子产品，与 `pcf/1` 中相同。",
  "Distribution to the point of sale (lines as in `pcf/1`, without `stage`).":
    "分销至销售点（活动行与 `pcf/1` 中相同，但不写 `stage`）。",
  "Electricity factor of the process stages (a stage may name its own).":
    "各加工工序的电力排放因子（某一工序可另行指定）。",
  "Direct gas emissions; each names one of the stages.":
    "直接温室气体排放；每项须指明其中一个阶段。",
  "End of life: collection, sorting, disposal (lines without `stage`).":
    "寿命终止：收集、分拣、处置（活动行不写 `stage`）。",
  "The garment.":
    "服装。",
  "Heat factor of the process stages, per MJ of heat (a stage may name its own).":
    "各加工工序的热力排放因子，以每 MJ 热量计（某一工序可另行指定）。",
  "The fibres of the garment, with their shares of its final mass (summing to 1).":
    "服装所用纤维，及其占成品质量的比例（合计为 1）。",
  "The process stages between fibre and garment: losses and energy.":
    "从纤维到服装之间的加工工序：损耗与能耗。",
  "Always `pcf-textile/1`.":
    "固定为 `pcf-textile/1`。",
  "The use phase (washing, drying, ironing); absent for a cradle-to-gate study.":
    "使用阶段（洗涤、烘干、熨烫）；从摇篮到大门的研究中不包含此项。",
  "An emission factor: exactly one of a factor id, a choice by series and place, or a factor\nwritten here with its source.":
    "排放因子：在排放因子编号、按系列和地区选择、或在此写明并注明来源的排放因子三者中恰好给出一项。",
  "A factor chosen by series, geography and year.":
    "按系列、地区和年份选择的排放因子。",
  "A factor given here, with its source.":
    "在此给出的排放因子，并注明其来源。",
  "Final mass of one garment, kg.":
    "单件服装的成品质量，kg。",
  "Garment type, e.g. `tshirt`: its use-phase parameters are the rows\n`textile.<type>.*` of `parameters.csv` (a type without rows needs its use data given).":
    "服装类型，例如 `tshirt`：其使用阶段参数为 `parameters.csv` 中的 `textile.<type>.*` 数据行（没有对应数据行的类型须自行给出使用阶段数据）。",
  "One fibre of the garment.":
    "服装的一种纤维。",
  "Fibre (cotton, polyester, wool …).":
    "纤维（棉、涤纶、羊毛 …）。",
  "Recycled content and its Circular Footprint Formula parameters.":
    "再生成分及其循环足迹公式（CFF）参数。",
  "Share of the garment's final mass, 0–1.":
    "占服装成品质量的比例，0–1。",
  "E_v: the footprint of one unit of virgin fibre (per kg; no open fibre factor set\nexists, so give your supplier's value or your own with its source).":
    "E_v：单位原生纤维的碳足迹（每 kg；目前没有公开的纤维排放因子数据集，请填写供应商提供的数值或自有数值，并注明来源）。",
  "One process stage.":
    "一道加工工序。",
  "Electricity factor of this stage's site (default: the document's `electricity`).":
    "该工序所在基地的电力排放因子（默认：文件中的 `electricity`）。",
  "Electricity per kg entering the stage, kWh: required, 0 allowed (pcf ships no\nprocess-energy defaults).":
    "进入该工序的每 kg 物料耗电量，kWh：必填，允许为 0（pcf 不提供工艺能耗默认值）。",
  "Heat factor of this stage's site (default: the document's `heat`).":
    "该工序所在基地的热力排放因子（默认：文件中的 `heat`）。",
  "Heat per kg entering the stage, MJ: required for finishing `method` `dyeing`, 0 allowed;\notherwise none when absent.":
    "进入该工序的每 kg 物料耗热量，MJ：染整 `method` 为 `dyeing` 时必填，允许为 0；其他情况下不填即为无。",
  "Other lines of the stage (chemicals, dyes, water …), as in `pcf/1`, without `stage`.":
    "该工序的其他活动行（化学品、染料、水 …），与 `pcf/1` 中相同，但不写 `stage`。",
  "Fraction of the mass entering the stage that is lost, at least 0 and below 1 (default\nfrom the method where the parameter table has one).":
    "进入该工序的物料中损失的质量比例，不小于 0 且小于 1（默认：参数表中有该工艺方法的数值时取该值）。",
  "Method (see the stage): for spinning it gives the default loss; for fabric and\nfinishing it names the process and gives no energy figure.":
    "工艺方法（见各工序）：纺纱时决定默认损耗率；织造和染整时说明所用工艺，不给出能耗数值。",
  "The four process stages between fibre and garment.":
    "从纤维到服装之间的四道加工工序。",
  "Fabric: `method` `knitting-straight`, `knitting-circular` or `weaving`; the electricity\nis always the mill's own (no built-in default).":
    "织造：`method` 为 `knitting-straight`（横机针织）、`knitting-circular`（圆机针织）或 `weaving`（机织）；电力始终须采用织造厂自身的数据（无内置默认值）。",
  "Finishing (pre-treatment, dyeing, printing): `method` `dyeing` needs the dye-house's own\nheat as well as its electricity (no built-in defaults).":
    "染整（前处理、染色、印花）：`method` 为 `dyeing` 时，除染厂自身的电力外还须给出其自身的热力数据（无内置默认值）。",
  "Making-up (cutting and sewing): loss is the cutting waste.":
    "成衣制作（裁剪和缝制）：损耗即裁剪废料。",
  "Spinning: `method` `open-end`, `ring` or `filament` gives the default loss.":
    "纺纱：`method` 为 `open-end`（气流纺）、`ring`（环锭纺）或 `filament`（长丝）时给出默认损耗率。",
  "Recycled content of a fibre, counted by the Circular Footprint Formula.":
    "纤维的再生成分，按循环足迹公式计算。",
  "A: allocation factor between supplier and user of recycled material, 0–1.":
    "A：再生材料供应方与使用方之间的分配系数，0–1。",
  "A named PEFCR A&F parameter set: `natural-recycled-textiles`,\n`synthetic-recycled-textiles`, `rpet` or `pet-bottles` (instead of `a` and `q`).":
    "服装和鞋类 PEFCR（A&F）中命名的参数组：`natural-recycled-textiles`、`synthetic-recycled-textiles`、`rpet` 或 `pet-bottles`（代替 `a` 和 `q`）。",
  "R1: share of the fibre that is recycled, 0–1.":
    "R1：纤维中再生部分所占比例，0–1。",
  "Qsin/Qp: quality of the recycled input relative to the primary material, 0–1.":
    "Qsin/Qp：再生输入材料相对于原生材料的质量比，0–1。",
  "E_rec: the footprint of the recycling process, per unit of recycled fibre.":
    "E_rec：回收再生过程的碳足迹，以每单位再生纤维计。",
  "The use phase. Every number defaults to the garment type's parameter row.":
    "使用阶段。各数值默认取该服装类型的参数行。",
  "Days the garment is worn over its life.":
    "服装在整个使用寿命内的穿着天数。",
  "Share of washes followed by tumble drying, 0–1.":
    "洗涤后进行滚筒烘干的比例，0–1。",
  "Tumble-drying electricity per kg dried, kWh.":
    "每千克烘干衣物的滚筒烘干耗电量，kWh。",
  "Electricity factor of the country of use.":
    "使用国的电力排放因子。",
  "Power of the iron, kW.":
    "熨斗功率，kW。",
  "Share of washes followed by ironing, 0–1.":
    "洗涤后进行熨烫的比例，0–1。",
  "Ironing time per ironing, hours.":
    "每次熨烫的时长，小时。",
  "Washing electricity per kg of laundry, kWh.":
    "每千克洗涤衣物的洗涤耗电量，kWh。",
  "Wears between two washes.":
    "两次洗涤之间的穿着次数。",
  // pcf-pact-meta-1.schema.json
  "The meta JSON of `pcf pact export --meta` (the JS `pactExport` meta): every key optional, amounts per the result's declared unit. What the export needs and lacks for a result is listed by `pactMetaNeeds`.":
    "`pcf pact export --meta` 的元数据 JSON（JS `pactExport` 的 meta）：每个键均为可选，数量按结果的声明单位计。某一结果导出所需而缺少的内容由 `pactMetaNeeds` 列出。",
  "How biogenic emissions and removals were accounted: `PEF`, `ISO`, `GHGP` or `Quantis`\n(PACT v2 only).":
    "生物源排放与清除的核算方法：`PEF`、`ISO`、`GHGP` 或 `Quantis`（仅 PACT v2）。",
  "kg of biogenic carbon in the result's declared unit (default: the suppliers' declared\ncontents, else 0, said in the comment).":
    "结果的每个声明单位中的生物源碳含量，kg（默认：供应商声明的含量，否则为 0，并在备注中说明）。",
  "Text put before the comment pcf writes (the receipt's digests and what the footprint\ncannot say).":
    "写在 pcf 自动生成的备注（收据的摘要及碳足迹无法表达的内容）之前的文字。",
  "The data owner's ids, URNs (`urn:uuid:…`, `urn:epc:id:sgln:…`; default\n`urn:pcf:company:not-stated`).":
    "数据所有者的标识，URN 格式（`urn:uuid:…`、`urn:epc:id:sgln:…`；默认 `urn:pcf:company:not-stated`）。",
  "The data owner's name, as the footprint names the company (default \"not stated\").":
    "数据所有者的名称，即碳足迹中所写的公司名称（默认：未说明）。",
  "When the footprint was created, an RFC 3339 date-time (`2025-12-31T00:00:00Z`).\nDefault: the end of the reference period.":
    "碳足迹的创建时间，RFC 3339 日期时间（`2025-12-31T00:00:00Z`）。默认：参考期的结束时间。",
  "The cross-sectoral standards the study follows, by their PACT names: `ISO14067`,\n`ISO14083`, `ISO14040-44`, `GHGP-Product`, `PEF`, `PACT-1.0`, `PACT-2.0` or `PACT-3.0`\n(v2's own names are read as these). Default: read from the study's `standards`.":
    "研究所遵循的跨行业标准，用其 PACT 名称填写：`ISO14067`、`ISO14083`、`ISO14040-44`、`GHGP-Product`、`PEF`、`PACT-1.0`、`PACT-2.0` 或 `PACT-3.0`（v2 自身的名称按对应的这些名称读取）。默认：从研究的 `standards` 中读取。",
  "kg of fossil carbon in the result's declared unit (default: the suppliers' declared\ncontents, else 0, said in the comment).":
    "结果的每个声明单位中的化石碳含量，kg（默认：供应商声明的含量，否则为 0，并在备注中说明）。",
  "The country the footprint is for, ISO 3166-1 alpha-2 (`CN`, `DE` …).":
    "碳足迹适用的国家，ISO 3166-1 alpha-2 两位字母代码（`CN`、`DE` …）。",
  "The country subdivision the footprint is for, ISO 3166-2 (`CN-JS` …).":
    "碳足迹适用的国家行政区划，ISO 3166-2 代码（`CN-JS` …）。",
  "The UN M49 region or subregion the footprint is for (`Eastern Asia`, `Europe` …).":
    "碳足迹适用的联合国 M49 地区或次区域（`Eastern Asia`、`Europe` …）。",
  "The footprint's id, a UUID. Default: a UUID made of the result's digest, so the same\nresult always exports the same id.":
    "碳足迹的编号，UUID。默认：由结果的摘要生成的 UUID，因此同一结果总是导出同一编号。",
  "Whether the footprint includes packaging emissions (default: when a supplier's\nfootprint does).":
    "碳足迹是否包含包装排放（默认：供应商的碳足迹包含时即为包含）。",
  "The ids (UUIDs) of the earlier footprints of this product that this one replaces.":
    "本碳足迹所取代的该产品先前碳足迹的编号（UUID）。",
  "The product's UN CPC code (PACT v2 only; default \"not stated\").":
    "产品的联合国产品总分类（UN CPC）代码（仅 PACT v2；默认：未说明）。",
  "The product's classifications, URNs (`urn:pact:productclassification:un-cpc:…`).":
    "产品的分类，URN 格式（`urn:pact:productclassification:un-cpc:…`）。",
  "What the product is (default: its name and functional unit).":
    "产品是什么（默认：其名称及功能单位）。",
  "The product's ids, URNs (default `urn:pcf:input-sha256:<input digest>`).":
    "产品的标识，URN 格式（默认 `urn:pcf:input-sha256:<input digest>`）。",
  "kg of product, without packaging, in the result's declared unit (one battery pack, one\ngarment …). PACT v3 needs it for a piece (`productMassPerDeclaredUnit`); where PACT has\nno unit for the result's (kWp; a piece in v2) the footprint is exported per kilogram of\nproduct with it.":
    "结果的每个声明单位中产品的质量，kg，不含包装（一个电池包、一件服装等）。PACT v3 对以件计的产品要求填写（`productMassPerDeclaredUnit`）；PACT 没有与结果的单位对应的单位时（kWp；v2 中的件），碳足迹按每千克产品导出。",
  "The product's trade name (default: the product name).":
    "产品的商品名称（默认：产品名称）。",
  "`Active` (the default) or `Deprecated`.":
    "`Active`（默认）或 `Deprecated`。",
  "When the footprint was last updated, an RFC 3339 date-time (PACT v2 only).":
    "碳足迹最近的更新时间，RFC 3339 日期时间（仅 PACT v2）。",
  "The end of the footprint's validity period, an RFC 3339 date-time.":
    "碳足迹有效期的结束时间，RFC 3339 日期时间。",
  "The start of the footprint's validity period, an RFC 3339 date-time.":
    "碳足迹有效期的开始时间，RFC 3339 日期时间。",
  "The footprint's version, an integer (PACT v2 only; default 1).":
    "碳足迹的版本，整数（仅 PACT v2；默认 1）。",
};
