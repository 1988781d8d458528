-- raw.organisations: one row per spelling of an organisation the marts attribute facts to
-- (grain: alias). Reference data kept in this file: add a row to teach the marts a new name.
-- ``pattern`` is the RE2 pattern that finds the alias; latin names match whole words only
-- (so "Intel" is not found in "Intelligence"), CJK names match anywhere.
create or replace table raw.organisations as
with aliases (organisation, alias) as (
    values
        ('Nvidia', 'Nvidia'), ('Nvidia', 'NVIDIA'), ('Nvidia', '英伟达'),
        ('AMD', 'AMD'), ('AMD', 'Advanced Micro Devices'),
        ('Intel', 'Intel'), ('Intel', '英特尔'),
        ('Huawei', 'Huawei'), ('Huawei', '华为'), ('Huawei', 'Ascend'), ('Huawei', '昇腾'),
        ('Google', 'Google'), ('Google', 'Alphabet'), ('Google', 'DeepMind'), ('Google', '谷歌'),
        ('Microsoft', 'Microsoft'), ('Microsoft', 'Azure'), ('Microsoft', '微软'),
        ('OpenAI', 'OpenAI'), ('OpenAI', 'Stargate'),
        ('Meta', 'Meta'), ('Meta', 'Facebook'),
        ('Amazon', 'Amazon'), ('Amazon', 'AWS'), ('Amazon', '亚马逊'),
        ('xAI', 'xAI'), ('xAI', 'Colossus'),
        ('Anthropic', 'Anthropic'),
        ('Oracle', 'Oracle'),
        ('Alibaba', 'Alibaba'), ('Alibaba', '阿里巴巴'), ('Alibaba', '阿里云'),
        ('Tencent', 'Tencent'), ('Tencent', '腾讯'),
        ('Baidu', 'Baidu'), ('Baidu', '百度'),
        ('ByteDance', 'ByteDance'), ('ByteDance', '字节跳动'),
        ('DeepSeek', 'DeepSeek'),
        ('SenseTime', 'SenseTime'), ('SenseTime', '商汤'),
        ('Zhipu AI', 'Zhipu'), ('Zhipu AI', '智谱'),
        ('Moonshot AI', 'Moonshot'), ('Moonshot AI', '月之暗面'),
        ('SoftBank', 'SoftBank'), ('SoftBank', '软银'),
        ('TSMC', 'TSMC'), ('TSMC', '台积电'),
        ('Samsung', 'Samsung'), ('Samsung', '三星'),
        ('SK Hynix', 'SK Hynix'), ('SK Hynix', 'SK hynix'),
        ('Broadcom', 'Broadcom'),
        ('Arm', 'Arm Holdings'),
        ('IBM', 'IBM'),
        ('Apple', 'Apple'),
        ('Tesla', 'Tesla'),
        ('Cerebras', 'Cerebras'),
        ('CoreWeave', 'CoreWeave'),
        ('Dell', 'Dell'),
        ('Supermicro', 'Supermicro'), ('Supermicro', 'Super Micro'),
        ('Foxconn', 'Foxconn'), ('Foxconn', '富士康'),
        ('Cambricon', 'Cambricon'), ('Cambricon', '寒武纪'),
        ('Moore Threads', 'Moore Threads'), ('Moore Threads', '摩尔线程'),
        ('Sugon', 'Sugon'), ('Sugon', '中科曙光'),
        ('Inspur', 'Inspur'), ('Inspur', '浪潮'),
        ('iFlytek', 'iFlytek'), ('iFlytek', '科大讯飞'),
        ('China Mobile', 'China Mobile'), ('China Mobile', '中国移动'),
        ('China Telecom', 'China Telecom'), ('China Telecom', '中国电信'),
        ('Viettel', 'Viettel'),
        ('FPT', 'FPT'),
        ('VNPT', 'VNPT'),
        ('Reliance', 'Reliance'),
        ('G42', 'G42'),
        ('Mistral AI', 'Mistral'),
        ('Fujitsu', 'Fujitsu'),
        ('RIKEN', 'RIKEN')
)
select
    organisation,
    alias,
    case
        when regexp_matches(alias, '^[A-Za-z0-9 .&-]+$') then '\b' || alias || '\b'
        else alias
    end as pattern
from aliases;
