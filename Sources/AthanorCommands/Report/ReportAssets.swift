/// The report's style sheet and scripts, inlined into every report so it opens offline and
/// fetches nothing: the page must read the same attached to a paper years later. (Long lines, one
/// place: the page's whole CSS and JS.)
///
/// The script renders each run's results from its JSON data a hundred rows at a time (sorted,
/// filtered and paged over every row), draws each answer as a heat-map of focusable tokens, shows
/// a token's alternatives when it is hovered or focused (everything built with `textContent`,
/// never markup: tokens come from a model), and,
/// when the page's address ends in `#selfcheck`, checks itself and writes what it found as JSON
/// into `<pre id="selfcheck">` for a headless browser's `--dump-dom` to read: how many tokens,
/// how many alternatives a focused token shows, how many bars and points each plot has, whether
/// sorting and filtering work, and every error the page raised.
enum ReportAssets {
    /// Collects the page's errors from the start (before the main script), for the self-check.
    static let errorCatcher = """
        window.reportErrors=[];window.addEventListener("error",function(e){window.reportErrors.push(String(e.message)+" at "+e.lineno+":"+e.colno)});\
        (function(){var ce=console.error;console.error=function(){window.reportErrors.push(Array.prototype.join.call(arguments," "));ce.apply(console,arguments)}})();
        """

    static let css = """
        :root{--fg:#1d1d1f;--muted:#666;--line:#ddd;--bg:#fff;--accent:#3e4989}
        *{box-sizing:border-box}body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg);margin:0 auto;max-width:1400px;padding:16px 24px}
        h1{font-size:20px;margin:0 0 4px}h2{font-size:17px;margin:0 0 8px}h3{font-size:15px;margin:12px 0 6px}
        header{border-bottom:1px solid var(--line);padding-bottom:10px;margin-bottom:12px}.gen{color:var(--muted);margin:0}
        .legend{display:flex;align-items:center;gap:6px;margin-top:8px;flex-wrap:wrap}.legend .sw{display:inline-block;min-width:44px;text-align:center;font-size:12px;padding:1px 4px;border-radius:3px}
        section.run{display:flex;flex-direction:column;border:1px solid var(--line);border-radius:6px;padding:12px 16px;margin:14px 0}
        section.run>.summary{order:0}section.run>.assertions{order:1}section.run>.plots{order:2}section.run>.results{order:3}
        dl{display:grid;grid-template-columns:repeat(3,max-content minmax(150px,max-content));gap:2px 12px;margin:4px 0}dt{color:var(--muted)}dd{margin:0}
        .st{font-size:12px;padding:1px 6px;border-radius:9px;background:#eee;vertical-align:middle}.st.completed{background:#d9f2e3}.st.failed,.st.interrupted{background:#f9d6d5}
        pre{white-space:pre-wrap;word-break:break-word;background:#f6f6f6;padding:8px;border-radius:4px;max-height:300px;overflow:auto}
        .plots{display:flex;flex-wrap:wrap;gap:16px}figure.plot{margin:0}.plot figcaption{font-size:13px;color:var(--muted)}td.answer{min-width:360px}div.results{overflow-x:auto}
        svg text{font-size:11px;fill:#444}svg .axis{stroke:#888}svg .bar{fill:var(--accent)}svg .diag{stroke:#bbb;stroke-dasharray:4 3}svg .pt{fill:var(--accent);fill-opacity:.6}
        .assertion{margin:6px 0}.assertion .mark{font-weight:600}.held .mark{color:#1a7f37}.broken .mark{color:#b42318}.counts,.msg{color:var(--muted)}.assertion ul.errors{margin:4px 0;color:#b42318}
        table{border-collapse:collapse}th,td{border-bottom:1px solid var(--line);padding:3px 8px;text-align:left;vertical-align:top}
        td.n{text-align:right;font-variant-numeric:tabular-nums}table.results th button{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer;color:inherit}
        table.results th[aria-sort=ascending] button::after{content:" ▲"}table.results th[aria-sort=descending] button::after{content:" ▼"}
        tr.failed td{background:#fff4f3}.err{color:#b42318}.nolp{color:var(--muted)}
        .toolbar{display:flex;gap:10px;align-items:center;margin:6px 0}.toolbar input{font:inherit;padding:3px 6px;min-width:260px}.shown{color:var(--muted)}
        .hm{white-space:pre-wrap;font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:13px}.t{border-radius:2px;padding:0 1px;cursor:default}.t:focus{outline:2px solid #e66100;outline-offset:1px}
        details.turns{margin-top:4px}.turn{border-left:3px solid var(--line);padding:2px 8px;margin:4px 0}.turn-head{font-size:12px;color:var(--muted)}.turn .q{font-style:italic;color:#444}
        #alts{position:fixed;z-index:10;background:#fff;border:1px solid #999;border-radius:4px;box-shadow:0 2px 8px rgba(0,0,0,.2);padding:6px 8px;font-size:12px;max-width:360px}
        #alts .tip-head{font-weight:600;margin-bottom:4px}#alts td{border:0;padding:0 4px}#alts .tok{font-family:ui-monospace,monospace;white-space:pre}
        #alts .bar{width:110px}#alts .bar span{display:block;height:8px;background:var(--accent)}
        .drift{border:1px solid var(--line);border-radius:6px;padding:12px 16px;margin:14px 0}.drift-body{display:flex;gap:24px;align-items:flex-start;flex-wrap:wrap}.warn{color:#b42318}
        """ + HeatMapScale.css

    static let script = """
        (function(){"use strict";var started=performance.now();
        var PAGE=100,STEPS=\(HeatMapScale.steps),tip=document.getElementById("alts"),each=Array.prototype.forEach;
        function visible(t){return t===""?"∅":t.replace(/ /g,"␣").replace(/\\n/g,"↵").replace(/\\t/g,"⇥")}
        function percent(q){return q>=0.1?(q*100).toFixed(0)+"%":q>=0.001?(q*100).toFixed(1)+"%":q.toExponential(1)}
        function el(tag,cls,text){var e=document.createElement(tag);if(cls)e.className=cls;if(text!==undefined&&text!==null)e.textContent=text;return e}
        function show(span){var token=span.token;if(!token)return;tip.textContent="";
          tip.appendChild(el("div","tip-head",visible(token[0])+"  p = "+percent(Math.exp(-token[1]))+" · top "+((token.length-2)/2)));
          var table=el("table"),body=el("tbody");table.appendChild(body);
          for(var i=2;i+1<token.length;i+=2){var q=Math.exp(-token[i+1]),tr=el("tr");tr.appendChild(el("td","tok",visible(String(token[i]))));
            var bar=el("span");bar.style.width=(q*100).toFixed(1)+"%";var td=el("td","bar");td.appendChild(bar);tr.appendChild(td);
            tr.appendChild(el("td","n",percent(q)));body.appendChild(tr)}
          tip.appendChild(table);tip.hidden=false;
          var r=span.getBoundingClientRect(),w=tip.offsetWidth,h=tip.offsetHeight;
          var left=Math.min(r.left,window.innerWidth-w-8),top=r.bottom+4;if(top+h>window.innerHeight)top=Math.max(4,r.top-h-4);
          tip.style.left=Math.max(4,left)+"px";tip.style.top=top+"px"}
        function hide(){tip.hidden=true}
        document.addEventListener("mouseover",function(e){var t=e.target.closest&&e.target.closest(".t");if(t)show(t)});
        document.addEventListener("mouseout",function(e){var t=e.target.closest&&e.target.closest(".t");if(t&&document.activeElement!==t)hide()});
        document.addEventListener("focusin",function(e){if(e.target.token)show(e.target)});
        document.addEventListener("focusout",function(e){if(e.target.token)hide()});
        document.addEventListener("keydown",function(e){if(e.key==="Escape")hide()});
        function heatmap(answer){if(typeof answer==="string")return el("span","nolp",answer);var box=el("span","hm");if(!answer)return box;
          for(var i=0;i<answer.length;i++){var p=Math.exp(-answer[i][1]),text=answer[i][0];
            var s=el("span","t c"+Math.min(STEPS-1,Math.max(0,Math.floor(p*STEPS))),text===""?"∅":text.replace(/\\n/g,"↵\\n"));
            s.tabIndex=0;s.token=answer[i];box.appendChild(s)}return box}
        function answerText(answer){return typeof answer==="string"?answer:answer?answer.map(function(t){return t[0]}).join(""):""}
        function Results(root){var self=this;this.root=root;this.table=root.querySelector("table.results");
          this.answer=Number(this.table.getAttribute("data-answer"));this.width=this.table.tHead.rows[0].cells.length;
          this.rows=JSON.parse(root.querySelector("script.rows").textContent);this.view=this.rows.slice();this.page=0;
          this.label=root.querySelector(".shown");this.input=root.querySelector("input.filter");var timer=null;
          each.call(this.table.tHead.rows[0].cells,function(th,i){th.querySelector("button").addEventListener("click",function(){self.sort(i,th.getAttribute("aria-sort")==="ascending")})});
          this.input.addEventListener("input",function(){clearTimeout(timer);timer=setTimeout(function(){self.filter(self.input.value)},120)});
          root.querySelector(".prev").addEventListener("click",function(){self.go(self.page-1)});
          root.querySelector(".next").addEventListener("click",function(){self.go(self.page+1)});this.render()}
        Results.prototype.key=function(row,i){var v=i===this.answer?answerText(row[i]):row[i];return v===null||v===undefined?"":v};
        Results.prototype.sort=function(index,descending){var self=this;
          this.view.sort(function(a,b){var x=self.key(a,index),y=self.key(b,index);if(x==="")return y===""?0:1;if(y==="")return -1;
            var c=typeof x==="number"&&typeof y==="number"?x-y:String(x).localeCompare(String(y),undefined,{numeric:true});return descending?-c:c});
          each.call(this.table.tHead.rows[0].cells,function(th,i){if(i===index)th.setAttribute("aria-sort",descending?"descending":"ascending");else th.removeAttribute("aria-sort")});
          this.go(0)};
        Results.prototype.text=function(row){if(row.lower===undefined){var parts=[];for(var i=0;i<this.width;i++)parts.push(this.key(row,i));
          parts.push(row[this.width]||"");(row[this.width+1]||[]).forEach(function(t){parts.push(t[0],t[1],t[2]||"",answerText(t[3]))});
          Object.defineProperty(row,"lower",{value:parts.join("\\u0001").toLowerCase()})}return row.lower};
        Results.prototype.filter=function(query){var q=query.trim().toLowerCase(),self=this;
          this.view=q?this.rows.filter(function(r){return self.text(r).indexOf(q)>=0}):this.rows.slice();
          var sorted=this.table.querySelector("th[aria-sort]");if(sorted)this.sort(sorted.cellIndex,sorted.getAttribute("aria-sort")==="descending");else this.go(0);
          return this.view.length};
        Results.prototype.go=function(page){this.page=Math.max(0,Math.min(page,Math.ceil(this.view.length/PAGE)-1));this.render()};
        Results.prototype.render=function(){var body=this.table.tBodies[0],f=document.createDocumentFragment(),start=this.page*PAGE;
          var rows=this.view.slice(start,start+PAGE);hide();
          for(var r=0;r<rows.length;r++){var row=rows[r],tr=el("tr");if(row[this.width])tr.className="failed";
            for(var i=0;i<this.width;i++){var v=row[i],td;
              if(i===this.answer){td=el("td","answer");if(row[this.width])td.appendChild(el("span","err",row[this.width]));else td.appendChild(heatmap(v));
                var turns=row[this.width+1];if(turns){var d=el("details","turns");d.appendChild(el("summary",null,turns.length+" turns"));
                  turns.forEach(function(t,k){var panel=el("div","turn"),head=el("div","turn-head","turn "+(k+1)+" · ");head.appendChild(el("b",null,t[0]));
                    head.appendChild(document.createTextNode(" "+t[1]));panel.appendChild(head);panel.appendChild(el("div","q",t[2]));panel.appendChild(heatmap(t[3]));d.appendChild(panel)});
                  td.appendChild(d)}}
              else td=typeof v==="number"?el("td","n",String(v)):el("td",null,v);tr.appendChild(td)}
            f.appendChild(tr)}
          body.textContent="";body.appendChild(f);
          var n=this.view.length,of=n===this.rows.length?"":" (filtered from "+this.rows.length+")";
          this.label.textContent=n?"rows "+(start+1)+"–"+(start+rows.length)+" of "+n+of:"no rows"+of;
          this.root.querySelector(".prev").disabled=this.page===0;this.root.querySelector(".next").disabled=start+PAGE>=n};
        var tables=Array.prototype.map.call(document.querySelectorAll("div.results"),function(root){return new Results(root)}),ready=performance.now();
        function selfcheck(){var out={},tokens=document.querySelectorAll(".t");out.tokens=tokens.length;
          out.milliseconds={scriptStarted:Math.round(started),ready:Math.round(ready)};
          if(tokens.length){tokens[0].dispatchEvent(new FocusEvent("focusin",{bubbles:true}));out.alternativesOnFocus=tip.hidden?0:tip.querySelectorAll("tbody tr").length;hide();
            tokens[0].dispatchEvent(new MouseEvent("mouseover",{bubbles:true}));out.alternativesOnHover=tip.hidden?0:tip.querySelectorAll("tbody tr").length;
            out.firstToken=tokens[0].textContent;hide()}
          out.histograms=Array.prototype.map.call(document.querySelectorAll("svg.hist"),function(s){var sum=0;
            each.call(s.querySelectorAll("rect.bar"),function(r){sum+=Number(r.getAttribute("data-count"))});
            return {title:s.querySelector("title").textContent,bars:s.querySelectorAll("rect.bar").length,expectedBars:Number(s.getAttribute("data-bars")),counted:sum,expectedTotal:Number(s.getAttribute("data-total"))}});
          out.scatters=Array.prototype.map.call(document.querySelectorAll("svg.scatter"),function(s){return {points:s.querySelectorAll("circle.pt").length,expectedPoints:Number(s.getAttribute("data-points"))}});
          out.tables=tables.map(function(t){var r={rows:t.rows.length,rendered:t.table.tBodies[0].rows.length};
            var heads=Array.prototype.map.call(t.table.tHead.rows[0].cells,function(c){return c.textContent}),p=heads.indexOf("p(first)");
            t.sort(p,false);var v=t.view.map(function(row){return row[p]}).filter(function(x){return typeof x==="number"});
            r.sortedAscending=v.every(function(x,i){return i===0||v[i-1]<=x});
            r.firstRenderedP=t.table.tBodies[0].rows.length?t.table.tBodies[0].rows[0].cells[p].textContent:null;
            t.next=t.root.querySelector(".next");t.next.click();r.secondPageRows=t.table.tBodies[0].rows.length;t.sort(0,false);
            r.filterModel=t.filter(t.rows.length?t.rows[0][1]:"");r.filterNothing=t.filter("\\u2063no such row\\u2063");t.filter("");return r});
          out.turns=document.querySelectorAll(".turn").length;
          out.turnModels=Array.prototype.map.call(document.querySelectorAll(".turn-head b"),function(b){return b.textContent});
          out.assertions=document.querySelectorAll(".assertion").length;out.failingRows=document.querySelectorAll("table.failing tbody tr").length;
          out.injected=window.reportInjected===true||document.querySelectorAll("script:not([type])").length!==2;
          out.errors=window.reportErrors.slice();var pre=document.getElementById("selfcheck");pre.textContent=JSON.stringify(out);pre.hidden=false}
        if(location.hash==="#selfcheck")selfcheck();
        if(location.hash==="#show-first-token"){var first=document.querySelector(".t");if(first)show(first)}
        })();
        """
}
